/**
 * Topics a clause names without a topic keyword: the event of an alert (两公里送了俩小时 is late), a
 * gift where goods come by parcel (送的鼠标太垃圾了), the goods judged as a whole (东西也不错的).
 * Read by the aspects component beside the taggers' mentions.
 */
import type { Doc, TopicMention } from '../pipeline/doc.ts';
import { DELIVERY_WORDS, DOMAIN_TRAITS } from '../domains.ts';
import type { TopicId } from '../types.ts';

/**
 * The topic an alert's event belongs to: an alert states it happened (两公里送了俩小时, 八点二十才吃上饭),
 * so its clause names that topic even where no topic keyword does.
 */
const ALERT_TOPICS: ReadonlyMap<string, TopicId> = new Map<string, TopicId>([
  ['late_delivery', 'delivery.timeliness'],
  ['packaging_damage', 'product.packaging'],
  ['cold_chain_failure', 'delivery.cold_chain'],
  ['spoilage', 'product.freshness'],
  ['expired', 'product.shelf_life'],
  ['food_safety', 'product.food_safety'],
]);

/** 送 as giving: 送的, 送了, 还不送, 别送. */
const GIFT = /送(?:的|了|个|些)|(?:没有?|不|别)送/;
const GIFTS = new RegExp(GIFT.source, 'g');
/** A span of time: 送了俩小时 is a delivery. */
const SPAN = /小时|分钟|钟头|[天周]/;

/**
 * Repeat buying told in so many words (买了2次了, 已经拍过几个了, 已经是买的第三个, 买的笔记本也有七八台了):
 * the labelling guidelines' trust shown by buying again.
 */
export const REPEAT_BUYING = /(?:买|拍|购买|入手|回购)(?:了|过)好?[两二三四五六七八九十几多\d]+[次回个台件瓶部]了|买的第[二三四五六七八九十\d]+[次回个台件瓶部]|(?:也有|已经有)[两三四五六七八九十几\d]+[个台件部]了/;

/** The goods named as a whole: 东西还可以, 货不错, 商品有问题. */
const GOODS = /东西|(?<![送发到收订退换进缺补配出])货|商品|宝贝|东东/;

/**
 * The mentions with those of the alerts' clauses added, and the clauses that judge the goods as a
 * whole (东西也不错的, 东西还是可以的: overall quality, the labelling guidelines' 东西好/差) where
 * they name no topic, in clause order.
 */
export function withImpliedTopics(doc: Doc): Doc['mentions'] {
  let added: TopicMention[] | undefined;
  const parcels = DOMAIN_TRAITS[doc.domain].delivery === 'days';
  doc.clauses.forEach((c, i) => {
    // 送的鼠标太垃圾了, 还不送套子: where goods come by parcel, what is 送 with no delivery named is a gift.
    if (parcels && GIFT.test(c.text) && !DELIVERY_WORDS.test(c.text.replace(GIFTS, '')) && !SPAN.test(c.text) && !doc.mentions.some((m) => m.clause === i && (m.topic === 'loyalty.delight' || m.topic === 'delivery.timeliness'))) {
      (added ??= []).push({ clause: i, topic: 'loyalty.delight', source: 'rule' });
    }
    if (!c.hypothetical && REPEAT_BUYING.test(c.text) && !doc.mentions.some((m) => m.clause === i && m.topic === 'brand.trust')) (added ??= []).push({ clause: i, topic: 'brand.trust', source: 'rule' });
    if (c.score === 0 || c.hypothetical || !GOODS.test(c.text) || DELIVERY_WORDS.test(c.text) || doc.mentions.some((m) => m.clause === i)) return;
    (added ??= []).push({ clause: i, topic: 'product.quality', source: 'rule' });
  });
  for (const alert of doc.alerts) {
    const topic = ALERT_TOPICS.get(alert.rule);
    if (!topic) continue;
    const clause = doc.clauses.findIndex((c, i) => c.text === alert.evidence && doc.complaints.has(i));
    if (clause < 0 || doc.mentions.some((m) => m.clause === clause && m.topic === topic)) continue;
    (added ??= []).push({ clause, topic, source: 'rule' });
  }
  return added ? [...doc.mentions, ...added].sort((a, b) => a.clause - b.clause) : doc.mentions;
}
