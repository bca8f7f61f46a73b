/**
 * Every rule family, in the order they run and their findings are listed:
 * also the order a reader delivers the input in (small polygon layers first,
 * then components, addresses, attributes), so rules run while it reads.
 */
import type { QaRuleFamily } from './qa_rule_family.js';
import { checkAttributes } from './rules/check_attributes.js';
import { checkComponentCodes } from './rules/check_component_codes.js';
import { checkGridAreas } from './rules/check_grid_areas.js';
import { checkGridCodes } from './rules/check_grid_codes.js';
import { checkGridCommunities } from './rules/check_grid_communities.js';
import { findDuplicatePositions } from './rules/find_duplicate_positions.js';
import { findGridGaps } from './rules/find_grid_gaps.js';
import { findGridOverlaps } from './rules/find_grid_overlaps.js';
import { findOwnershipOverlaps } from './rules/find_ownership_overlaps.js';
import { locateAddresses } from './rules/locate_addresses.js';
import { locateComponents } from './rules/locate_components.js';

export const QA_RULE_FAMILIES: readonly QaRuleFamily[] = [
  checkGridCodes,
  findGridOverlaps,
  findGridGaps,
  checkGridCommunities,
  checkGridAreas,
  findOwnershipOverlaps,
  checkComponentCodes,
  locateComponents,
  findDuplicatePositions,
  locateAddresses,
  checkAttributes,
];
