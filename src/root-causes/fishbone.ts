/**
 * The fishbone (Ishikawa) bones a root cause hangs on, 人机料法环测: people, machine, material,
 * method, environment, measurement. Stored in Chinese; English names are accepted on input.
 */
export const FISHBONE_CATEGORIES = ['人', '机', '料', '法', '环', '测'] as const;
export type FishboneCategory = (typeof FISHBONE_CATEGORIES)[number];

const ENGLISH: Record<string, FishboneCategory> = {
  people: '人',
  machine: '机',
  material: '料',
  method: '法',
  environment: '环',
  measurement: '测',
};

export const FISHBONE_NAMES: Record<FishboneCategory, string> = { 人: 'people', 机: 'machine', 料: 'material', 法: 'method', 环: 'environment', 测: 'measurement' };

export function fishboneCategory(text: string): FishboneCategory | undefined {
  const t = text.trim();
  return (FISHBONE_CATEGORIES as readonly string[]).includes(t) ? (t as FishboneCategory) : ENGLISH[t.toLowerCase()];
}
