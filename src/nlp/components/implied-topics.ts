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
export const REPEAT_BUYING = /(?:买|拍|购买|入手|回购|点|订)(?:了|过)好?[两二三四五六七八九十几多\d]+[次回个台件瓶部]了|买的第[二三四五六七八九十\d]+[次回个台件瓶部]|(?:也有|已经有)[两三四五六七八九十几\d]+[个台件部]了/;

/**
 * An amount of a dish or its part said short or ample where the segmenter glued it past the
 * taxonomy's words (肉太少, 米饭好少啊, 饭量少的要死, 鸡丁没几块, 就一点点菜, 两口就没了): the labelling
 * guidelines' portion. 少 before 送, 放 or 辣 is a missing item or a request, 几块钱 a price.
 */
export const AMOUNT_SHORT = /(?:肉|菜|饭|面|粉|汤|粥|料|馅|酱|鱼|鸡|虾|蛋|饼|丁|丝|份|碗|量)(?:也|都|还|就|又|太|很|好|非常|特别|真的?|超级?|巨|极其?|有点|有些|实在|特|贼|相当|明显|越来越|变得?|给的?|比较|偏|的|得)*少(?![送发给放辣油盐糖吃点量])|没几[块片根粒个](?![钱月])|(?:只有|就|才|仅)(?:那么)?几[块片根粒](?!钱)|(?:就|只|才|给)[^，。！？]{0,2}一点点(?!电)|一丁点|塞牙缝|两口就没|小半[盒碗份]|不够吃|没吃饱/;
const AMOUNT_AMPLE = /(?:(?<![肥白])肉|菜|料|馅)(?:也|都|还|很|好|非常|特别|真的?|超级?|巨|挺|蛮|相当|给的?|比较|的|得)*(?:多|足)(?![少余])|吃得?(?:好|很|挺)?饱|吃撑/;

/**
 * A sum of money said as the price of a dish or goods (28块钱的粥, 12元的一份苦瓜, 38元一份, 5块钱藕片):
 * the price named, judged or not. A fee paid or a sum spent (只收了30元, 只花了4元, 30块钱送银耳汤) is
 * no price of the goods, and 块 alone counts pieces (10块鸡丁, 只送来36块).
 */
const MONEY = /(?:\d+(?:\.\d+)?\s*(?:块钱?|元|大洋)|[一两二三四五六七八九十百千]+块钱?|[十百千]元)钱?(?:的|一[份个碗盒杯只条瓶袋]|[^，。！？\s\d送花收找]{0,4}?(?:饭|菜|面|粥|汤|套餐|饼|肉))/;

/** The goods named as a whole: 东西还可以, 货不错, 商品有问题. */
export const GOODS = /东西|(?<![送发到收订退换进缺补配出])货|商品|宝贝|东东/;

/**
 * The mentions with those of the alerts' clauses added, and the clauses that judge the goods as a
 * whole (东西也不错的, 东西还是可以的: overall quality, the labelling guidelines' 东西好/差) where
 * they name no topic, in clause order.
 */
export function withImpliedTopics(doc: Doc): Doc['mentions'] {
  let added: TopicMention[] | undefined;
  // New mentions go to `added`, so one index of the doc's own serves every check below.
  const named = topicsByClause(doc.mentions);
  const parcels = DOMAIN_TRAITS[doc.domain].delivery === 'days';
  doc.clauses.forEach((c, i) => {
    // 送的鼠标太垃圾了, 还不送套子: where goods come by parcel, what is 送 with no delivery named is a gift.
    if (parcels && GIFT.test(c.text) && !DELIVERY_WORDS.test(c.text.replace(GIFTS, '')) && !SPAN.test(c.text) && !named[i]?.has('loyalty.delight') && !named[i]?.has('delivery.timeliness')) {
      (added ??= []).push({ clause: i, topic: 'loyalty.delight', source: 'rule' });
    }
    if ((AMOUNT_SHORT.test(c.text) || AMOUNT_AMPLE.test(c.text)) && !named[i]?.has('product.portion')) (added ??= []).push({ clause: i, topic: 'product.portion', source: 'rule' });
    if (MONEY.test(c.text) && !named[i]?.has('product.price')) (added ??= []).push({ clause: i, topic: 'product.price', source: 'rule' });
    if (!c.hypothetical && REPEAT_BUYING.test(c.text) && !named[i]?.has('brand.trust')) (added ??= []).push({ clause: i, topic: 'brand.trust', source: 'rule' });
    if (c.score === 0 || c.hypothetical || !GOODS.test(c.text) || DELIVERY_WORDS.test(c.text) || named[i] !== undefined) return;
    (added ??= []).push({ clause: i, topic: 'product.quality', source: 'rule' });
  });
  for (const alert of doc.alerts) {
    const topic = ALERT_TOPICS.get(alert.rule);
    if (!topic) continue;
    const clause = doc.clauses.findIndex((c, i) => c.text === alert.evidence && doc.complaints.has(i));
    if (clause < 0 || named[clause]?.has(topic)) continue;
    (added ??= []).push({ clause, topic, source: 'rule' });
  }
  return added ? [...doc.mentions, ...added].sort((a, b) => a.clause - b.clause) : doc.mentions;
}

/** The topics each clause names, by clause index (none: undefined). */
export function topicsByClause(mentions: readonly TopicMention[]): Set<TopicId>[] {
  const named: Set<TopicId>[] = [];
  for (const m of mentions) (named[m.clause] ??= new Set()).add(m.topic);
  return named;
}
