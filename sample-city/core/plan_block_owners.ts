/**
 * Units that own whole blocks (权属): residential estates and their property
 * companies, the university, schools, hospitals, factories and warehouses.
 * Their blocks become 权属 ownership zones, and the components inside them
 * that an owner would keep (septic tanks, refuse rooms, notice boards …)
 * name them as owner.
 */
import { hashText, randomFor } from './seeded_random.js';
import { PLACE_STEMS, chineseNumeral } from './name_pools.js';
import type { Department, DepartmentBook } from './departments.js';
import { blockArea, type Block } from './plan_blocks.js';

export interface BlockOwner {
  department: Department;
  /** The place as people call it: 翰林小区, 临沂大学. */
  place: string;
}

/** Shopkeepers and builders, who own advertising, kiosks and sites. */
export function businessPools(book: DepartmentBook, seed: number): { merchants: Department[]; builders: Department[] } {
  const stems = randomFor(seed, hashText('businesses')).shuffled(PLACE_STEMS);
  return {
    merchants: stems.slice(0, 10).map((stem) => book.cityCompany((city) => `${city}${stem}商贸有限公司`)),
    builders: stems.slice(10, 14).map((stem) => book.cityCompany((city) => `${city}${stem}建设工程有限公司`)),
  };
}

export function planBlockOwners(blocks: readonly Block[], book: DepartmentBook, seed: number): Map<number, BlockOwner> {
  const random = randomFor(seed, hashText('block-owners'));
  const stems = random.shuffled(PLACE_STEMS);
  // Estates run through every stem with one suffix, then the next suffix, then second phases (二期).
  const estates = (function* (): Generator<{ stem: string; place: string }> {
    for (let phase = 1; ; phase++) {
      for (const suffix of ['小区', '花园', '家园', '苑', '新苑', '名苑', '华府', '雅居']) {
        for (const estateStem of stems) {
          // 东苑 + 苑 would read 东苑苑.
          if (estateStem.endsWith(suffix[0])) continue;
          yield { stem: estateStem, place: `${estateStem}${suffix}${phase > 1 ? `${chineseNumeral(phase)}期` : ''}` };
        }
      }
    }
  })();
  let nextStem = 0;
  const stem = (): string => stems[nextStem++ % stems.length];
  const owners = new Map<number, BlockOwner>();
  let schools = 0;
  let hospitals = 0;
  const publicBlocks = blocks.filter((block) => block.kind === '公共服务');
  // The largest public-service block is the university campus.
  const campus = publicBlocks.length > 0 ? publicBlocks.reduce((best, block) => (blockArea(block) > blockArea(best) ? block : best)) : undefined;
  for (const block of blocks) {
    if (block === campus) {
      const name = `${book.cityShort}大学`;
      owners.set(block.index, { department: book.get(name, 'institution', 'city'), place: name });
      continue;
    }
    const draw = random.next();
    if (block.kind === '居住' && draw < 0.12) {
      const { stem: estateStem, place } = estates.next().value as { stem: string; place: string };
      owners.set(block.index, { department: book.cityCompany((city) => `${city}${estateStem}物业服务有限公司`), place });
    } else if (block.kind === '公共服务' && draw < 0.45) {
      // Schools and hospitals; the numbered city schools and the named hospitals run out early
      // in a large sample, after which the names are the many local primary schools and clinics.
      let name: string;
      let level: 'city' | 'county';
      if (draw < 0.3) {
        schools += 1;
        const numbered = schools % 2 === 1 && schools < 60;
        name = numbered ? `${book.city}第${chineseNumeral(Math.ceil(schools / 2) + 2)}中学` : `${book.county}${stem()}小学`;
        level = numbered ? 'city' : 'county';
      } else {
        hospitals += 1;
        const named = ['人民医院', '中医医院', '妇幼保健院', '第二人民医院', '第三人民医院', '肿瘤医院'];
        name = hospitals <= named.length ? `${book.city}${named[hospitals - 1]}` : `${book.county}${stem()}社区卫生服务中心`;
        level = hospitals <= named.length ? 'city' : 'county';
      }
      owners.set(block.index, { department: book.get(name, 'institution', level), place: name });
    } else if ((block.kind === '工业' || block.kind === '物流仓储') && draw < 0.5) {
      const trade = block.kind === '物流仓储' ? '物流' : random.pick(['机械', '食品', '板材', '建材', '化工', '纺织']);
      const companyStem = stem();
      const department = book.cityCompany((city) => `${city}${companyStem}${trade}有限公司`);
      owners.set(block.index, { department, place: department.name });
    }
  }
  return owners;
}
