export { parseChineseDate } from './chinese-date.ts';
export { parseRating } from './rating.ts';
