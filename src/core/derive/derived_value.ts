/**
 * A value the workspace can derive instead of asking the user: one field of
 * one feature, its value now and the value offered. Plain data; the store
 * applies a list of them as one journaled change set (never this folder).
 */
export type FieldValue = string | number | null;

export interface DerivedValue {
  layer: string;
  fid: number;
  field: string;
  old: FieldValue;
  new: string | number;
}
