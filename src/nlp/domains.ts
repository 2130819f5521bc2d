/**
 * What a source sells and how it delivers, as far as the alert rules care: 坏了 of a phone is
 * product quality, of fruit spoilage; a takeout order is late after an hour, a parcel after days.
 * Each item is analysed under one domain (its source's `nlp.sourceDomains` entry, else `nlp.domain`).
 */
export const DOMAINS = ['general', 'takeout', 'groceries', 'retail', 'goods'] as const;
export type Domain = (typeof DOMAINS)[number];

export interface DomainTraits {
  /** Whether the items are food: yes, no, or decided by the words of the text (a marketplace). */
  food: 'yes' | 'no' | 'words';
  /** How deliveries are counted: within hours (takeout), in days (parcels), or either. */
  delivery: 'hours' | 'days' | 'any';
}

export const DOMAIN_TRAITS: Readonly<Record<Domain, DomainTraits>> = {
  /** Unknown: the words decide, and both hours and days count (the default). */
  general: { food: 'words', delivery: 'any' },
  /** Prepared food delivered within the hour. */
  takeout: { food: 'yes', delivery: 'hours' },
  /** Fresh, frozen and packaged food: same-day or parcel delivery. */
  groceries: { food: 'yes', delivery: 'any' },
  /** A shop selling food and other goods alike, by parcel. */
  retail: { food: 'words', delivery: 'days' },
  /** Goods that are not food (phones, appliances, clothes, books), by parcel. */
  goods: { food: 'no', delivery: 'days' },
};

/**
 * Words that say a clause speaks of a delivery, by parcel or by rider: 物流很快, 发货慢, 第二天就到了,
 * 送餐的态度. Where goods come by parcel, 很快 or 太慢 without one is the goods' own speed; in takeout,
 * 态度 or 服务 with one is the rider's.
 */
export const DELIVERY_WORD_LIST: readonly string[] = ['送', '配送', '骑手', '骑士', '物流', '快递', '发货', '到货', '收到', '到了', '才到', '没到', '签收', '包裹', '运输', '寄', '顺丰', '京东', '等了', '星期'];
export const DELIVERY_WORDS = new RegExp(DELIVERY_WORD_LIST.join('|'));

export const DEFAULT_DOMAIN: Domain = 'general';
