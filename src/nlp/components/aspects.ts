/**
 * The aspects component: from the topics the clauses name to one aspect per (review, topic) and
 * polarity. A clause's polarity is its own lexicon score; where the clause judges nothing (冰袋还是
 * 冰的) the learned polarity classifier decides when it is sure, and otherwise the clause borrows the
 * judgement of its sentence, then of the whole text. A topic takes two polarities only where the
 * review truly weighs one side against another: two clauses, each judging on its own, on either side
 * of a contrast (好喝…但好酸); otherwise the stronger side wins.
 */
import { clauseSentiment, polarityOf } from '../sentiment/document.ts';
import type { Component } from '../pipeline/component.ts';
import type { Doc, TopicMention } from '../pipeline/doc.ts';
import { DELIVERY_WORDS, DOMAIN_TRAITS } from '../domains.ts';
import { codeUnitSet, holdsCodeUnitOf } from '../code-unit-set.ts';
import { AMOUNT_SHORT, GOODS, REPEAT_BUYING, topicsByClause, withImpliedTopics } from './implied-topics.ts';
import type { Aspect, Clause, Polarity, TopicId } from '../types.ts';

/**
 * How sure the learned polarity classifier must be to decide a clause the lexicon left open. It reads
 * clauses with their keywords masked, so its lean is the judgement's: 0.55 to 0.8 scored alike in
 * cross-validation on the train split, and 0.55 lets 泡沫箱厚了一倍 be the praise it leans to.
 */
const MODEL_CONFIDENCE = 0.55;
/**
 * Below this the classifier's lean gives way to its sentence's or the review's where they lean the
 * other way: in cross-validation on the train split its leans of 0.55–0.8 against the context were
 * wrong three times in four (a neutral description in a review of praise read as a complaint), its
 * surer ones right more often than the context.
 */
const MODEL_SURE = 0.8;
const MODEL_ORDER: readonly Polarity[] = ['negative', 'neutral', 'positive'];
const SENTENCE_END = /[。！？!?.…\n]/;

/** The classifier's polarity `p` where it was asked and is sure (MODEL_SURE), else undefined. */
function surePolarity(p: Float32Array | undefined): Polarity | undefined {
  if (!p) return undefined;
  const best = argmax(p);
  return p[best]! >= MODEL_SURE ? MODEL_ORDER[best] : undefined;
}

interface Judgement {
  polarity: Polarity;
  /** |score| where the clause judges on its own; 0 where it borrowed its polarity. */
  strength: number;
}

export interface AspectsOptions {
  contrastWeight: number;
  /** Mediocre judgements (一般, 还行, 凑合): a clause whose only judgement is one is neutral. */
  mediocre?: ReadonlySet<string> | undefined;
  /** Words that say a text speaks of food (`markers.food`): where a shop sells both, the text decides. */
  foodWords?: readonly string[] | undefined;
}

export function aspectsComponent(options: AspectsOptions): Component {
  const mediocre = options.mediocre ?? new Set<string>();
  const foodWords = options.foodWords;
  return {
    name: 'aspects',
    requires: ['clauses', 'clauseScores', 'alerts', 'mentions'],
    assigns: ['aspects'],
    run(doc) {
      const judgements = new Array<Judgement | undefined>(doc.clauses.length);
      let sentences: number[] | undefined;
      let documentScore: number | undefined;
      const judge = (i: number): Judgement => {
        const known = judgements[i];
        if (known) return known;
        const clause = doc.clauses[i]!;
        let j: Judgement;
        let verdict: MediocreVerdict | undefined;
        let sure: Polarity | undefined;
        if (doc.complaints.has(i) && clause.score >= 0) j = { polarity: 'negative', strength: 0.5 };
        else if (clause.hypothetical) j = { polarity: 'neutral', strength: 0 };
        else if (mediocre.size > 0 && (verdict = mediocreVerdict(clause, mediocre))) j = verdict === 'plain' ? { polarity: 'neutral', strength: 0.2 } : { polarity: 'negative', strength: 0.2 };
        else if (clause.score >= 0 && A_BIT_TOO.test(clause.text)) j = { polarity: 'negative', strength: 0.3 };
        else if (clause.score >= 0 && priceComplaint(clause.text)) j = { polarity: 'negative', strength: 0.5 };
        else if (clause.score > 0 && FALLS_SHORT.test(clause.text)) j = { polarity: 'negative', strength: clause.score };
        // Weak praise the classifier is sure is no praise (learned_aspects asks it only where the
        // lexicon's score is weak): in cross-validation on the train split it was right more often.
        else if (clause.score > 0 && (sure = surePolarity(doc.clausePolarity[i])) !== undefined && sure !== 'positive') j = { polarity: sure, strength: 0.1 };
        else if (clause.score !== 0) j = { polarity: polarityOf(clause.score), strength: Math.abs(clause.score) };
        else {
          const p = doc.clausePolarity[i];
          const best = p ? argmax(p) : -1;
          const learned = p && p[best]! >= MODEL_CONFIDENCE ? MODEL_ORDER[best]! : undefined;
          if (learned && p![best]! >= MODEL_SURE) j = { polarity: learned, strength: 0.1 };
          else {
            sentences ??= sentenceScores(doc.text, doc.clauses);
            documentScore ??= clauseSentiment(doc.clauses, options.contrastWeight);
            const lean = polarityOf(sentences[i]! || documentScore);
            j = learned && !opposite(learned, lean) ? { polarity: learned, strength: 0.1 } : { polarity: lean, strength: 0 };
          }
        }
        judgements[i] = j;
        return j;
      };
      const documentLean = (): number => (documentScore ??= clauseSentiment(doc.clauses, options.contrastWeight));
      doc.aspects = resolve(doc, judge, documentLean, foodWords);
    },
  };
}

/**
 * Topics that give way, within one clause, to a more specific one (the labelling guidelines: prefer
 * the most specific topic): the 态度 or 服务 of a clause naming the rider (送餐小哥态度很好) is the
 * courier's, not customer service's.
 */
const GIVES_WAY: ReadonlyMap<TopicId, readonly TopicId[]> = new Map<TopicId, readonly TopicId[]>([
  ['service.support', ['delivery.courier']],
  // 装XP系统蓝屏: the system of the goods, not the app. (Speed beside quality stays: 质量好物流快
  // names both; a parcel's goods' own speed is read in inDomain.)
  ['experience.app', ['product.quality']],
  // 量少了, 肉少了: the amount, not an item missing.
  ['delivery.accuracy', ['product.portion']],
]);

/** Items counted missing (少了一个菜, 少送了两瓶, 少了米饭), as against an amount short (少了一半, 量少了). */
const ITEM_MISSING = /少(?:了|送了?|给了?)(?:[一两二三四五六七八九十几\d]+[个份盒瓶杯罐根袋串只碗样道]|米饭|饭|汤|饮料|筷子|餐具|酱)/;

/**
 * An app named as such: elsewhere, on goods that come by parcel, 系统 and 软件 and a lag, crash or
 * failure to open (DEVICE_SOFTWARE: 玩游戏会卡顿, 盖子打不开) are the goods' own.
 */
const NAMED_APP = /app|APP|App|小程序|页面|界面|客户端|网站|网页|订单|外卖/;
const DEVICE_SOFTWARE = /系统|软件|卡顿|卡死|闪退|打不开/;
const INSTALLER = /师傅/;
const DEVICE = /屏幕|声音|音量|按键|键盘|内存|电池|硬盘|平板|机子|手机|电脑|本本|功能/;
const BROKEN = /坏/;
/** A date the goods carry: 日期很新鲜 is their shelf life. */
const DATED = /日期|保质期/;
/** A size said of the goods (大小合适, 尺寸正好): a device's where the review is of one, unless it is worn. */
const SIZE = /大小|尺寸/;
const WORN = /衣|裤|裙|鞋|袜|帽|码|穿|戴/;
/** Support words that say other things of goods: a call, a phone's coverage, a subject's expertise. */
const NOT_SERVICE = /打(?:个|了)?电话|服务区|专业/;
/** Who answers for a parcel's shop: 客服, the seller, its after-sales. */
const SUPPORT_STAFF = /客服|商家|卖家|店家|老板|售后|人工/;

/** Who serves in a shop: where none is named, a takeout review's 态度 or 服务 is the rider's. */
const SHOP_STAFF = /客服|店家|商家|老板|店员|接线|电话|商户|餐厅|店里|店/;
const ATTITUDE = /态度/;
/** How a rider behaves, beside how fast the order came: 态度好, 辛苦了, 放门口就走了, 人很好, 小哥很好很快. */
const CONDUCT = /人(?:很|太|超|挺|也)?好|(?<![不])很好|和善|敬业|靠谱|下去取|下楼|没送到|态度|服务|热情|礼貌|辛苦|认真|负责|客气|耐心|贴心|周到|谢谢|感谢|抱歉|道歉|暴力|野蛮|埋怨|素质|脾气|骂|吵|门口|楼下|上楼|电话/;

/** Thanks, sympathy or a word on the rider himself in the clause after the one naming him (快递小哥很速度，辛苦啦; 骑士送货速度很快，为人和善). */
const RIDER_THANKED = /^(?:真的?|太|也|而且)?(?:辛苦|谢谢|感谢|为人|人(?:很|也|挺)?好|态度)/;

/** Words of a delivery's speed or time: 很快, 太慢, 及时, 三天才到, 等了一周, 第二天, 很给力. */
const SPEED = /快(?!递)|慢|速|及时|准时|守时|按时|延|误|迟|晚|早|才|等|久|天|日|号|点|小时|分钟|周|星期|月|马上|立刻|立马|给力|效率|神|一直|还没|没到|未到|超时|催/;

/** A mention read in the item's domain: the same words name another topic there. */
function inDomain(doc: Doc, foodWords: readonly string[] | undefined): (m: TopicMention) => TopicMention | undefined {
  const { delivery, food } = DOMAIN_TRAITS[doc.domain];
  if (delivery === 'days') {
    const alerted = new Set(doc.alerts.map((a) => a.rule));
    let notFood: boolean | undefined;
    // Goods that are not food: the domain says so, or, where a shop sells both, the text names none.
    const ofGoods = () => (notFood ??= food === 'no' || (food === 'words' && foodWords !== undefined && !foodWords.some((w) => doc.text.includes(w))));
    return (m) => {
      const text = doc.clauses[m.clause]!.text;
      // 充电温度太高, 热水器温度, 冰凉无头屑: goods that are not food keep no cold chain; their
      // temperature is their quality. Only where the domain says so: in a shop that sells food too,
      // 送来还是热的 and 到了都化了 name no food word and are the cold chain's.
      if (m.topic === 'delivery.cold_chain' && food === 'no') return { ...m, topic: 'product.quality' };
      if (m.topic === 'product.freshness') {
        // 日期很新鲜 of a shampoo is its date; 太烂了, 款式新鲜, 没有异味 of goods that are not food
        // are their quality (no goods of this kind rot).
        if (ofGoods()) return { ...m, topic: DATED.test(text) ? 'product.shelf_life' : 'product.quality' };
        // 手机又坏了 where food is named too: with no spoilage alert (whose guards ask for food),
        // 坏了 is the goods breaking.
        if (!alerted.has('spoilage') && BROKEN.test(text)) return { ...m, topic: 'product.quality' };
      }
      // 洗后头发柔顺: where goods come by parcel and the review raises no food-safety alert (whose
      // guards ask for food), 头发 is no foreign matter.
      if (m.topic === 'product.food_safety' && !alerted.has('food_safety')) return undefined;
      if (m.topic === 'experience.app' && DEVICE_SOFTWARE.test(text) && !NAMED_APP.test(text)) return { ...m, topic: 'product.quality' };
      // 声音偏小, 按键面积偏小: the size of a device or its part is its quality; a
      // portion is an amount or a garment's size.
      if (m.topic === 'product.portion' && (DEVICE.test(text) || (SIZE.test(text) && DEVICE.test(doc.text) && !WORN.test(doc.text)))) return { ...m, topic: 'product.quality' };
      // 快递员打电话给我, 可以打电话的 (a phone), 不在服务区内, 专业性很强的书: where goods come by
      // parcel, a call no shop staff is named in is the courier's or the device's, a 服务区 is the
      // network's and 专业 the goods' own subject.
      if (m.topic === 'service.support' && NOT_SERVICE.test(text) && !SUPPORT_STAFF.test(text)) return undefined;
      // 第二天师傅就来了: where goods come by parcel, the 师傅 who comes is the installer (after-sales), not a courier.
      if (m.topic === 'delivery.courier' && INSTALLER.test(text) && !DELIVERY_WORDS.test(text)) return { ...m, topic: 'service.aftersales' };
      return m;
    };
  }
  if (delivery === 'hours') {
    // 送的快，态度好: the attitude praised beside the delivery is the rider's (labelled courier). A
    // bare 服务很好 is the shop's service unless the clause itself names the delivery (配送服务).
    const delivered = doc.mentions.some((m) => m.topic === 'delivery.courier' || m.topic === 'delivery.timeliness');
    return (m) => {
      if (m.topic !== 'service.support') return m;
      const text = doc.clauses[m.clause]!.text;
      if (SHOP_STAFF.test(text)) return m;
      return DELIVERY_WORDS.test(text) || (delivered && ATTITUDE.test(text)) ? { ...m, topic: 'delivery.courier' } : m;
    };
  }
  return (m) => m;
}

function specificMentions(doc: Doc, foodWords: readonly string[] | undefined): Doc['mentions'] {
  const parcels = DOMAIN_TRAITS[doc.domain].delivery === 'days';
  const read = inDomain(doc, foodWords);
  const mentions: TopicMention[] = [];
  for (const m of withImpliedTopics(doc)) {
    const r = read(m);
    if (r) mentions.push(r);
  }
  const named = topicsByClause(mentions);
  return mentions.filter((m) => {
    const here = named[m.clause]!;
    // 少了一个菜, 一般吧，少了米饭: an item counted missing is the delivery's accuracy, not the amount.
    if ((m.topic === 'delivery.accuracy' || m.topic === 'product.portion') && ITEM_MISSING.test(doc.clauses[m.clause]!.text)) {
      return m.topic === 'delivery.accuracy' || !here.has('delivery.accuracy');
    }
    const over = GIVES_WAY.get(m.topic);
    if (over && over.some((t) => here.has(t))) return false;
    // 骑士配送很快, 送餐员时间延误: the rider named for the speed alone is the delivery's timeliness.
    if (m.topic === 'delivery.courier' && !CONDUCT.test(doc.clauses[m.clause]!.text) && !RIDER_THANKED.test(doc.clauses[m.clause + 1]?.text ?? '') && here.has('delivery.timeliness')) return false;
    // Where goods come by parcel, 很快 or 太慢 with no delivery word in the clause or the one before
    // is the goods' own speed (充电很慢, 出热水很快), not the delivery's.
    // A parcel's arrival told without its speed or a time (货已收到, 昨天到货后, 快递纸箱的一个角塌陷) is
    // no judgement of the delivery's timeliness.
    if (parcels && m.topic === 'delivery.timeliness') {
      const text = doc.clauses[m.clause]!.text;
      return SPEED.test(text) && (DELIVERY_WORDS.test(text) || (m.clause > 0 && DELIVERY_WORDS.test(doc.clauses[m.clause - 1]!.text)));
    }
    return true;
  });
}

/**
 * Goods not yet tried: 还没有安装，安装后再评论; 先给个好评，等试用后再追加. Such a review's praise is a
 * rating given ahead (or of the order), no verdict on the goods.
 */
const UNTRIED = /还没(?:有)?(?:开始)?(?:安装|装|用|使用|试|试用|拆|穿)|(?:用|装|安装|试用|使用)(?:好|过|完)?(?:后|以后|之后)再|追评|追加/;

/**
 * The goods verdict component: where goods come by parcel (a shop's phones, books, clothes), a review
 * that judges without naming any topic judges the goods themselves (用了一个月就坏了, 一本令人着迷的
 * 书): overall product quality, with the review's sentiment (so it runs after the document
 * classifier), its strongest clause of that side as evidence. In takeout the same silence is a
 * verdict on the order as a whole, which the labelling guidelines give no aspect.
 */
export function goodsVerdictComponent(): Component {
  return {
    name: 'goods_verdict',
    requires: ['clauses', 'aspects', 'sentiment'],
    assigns: ['aspects'],
    run(doc) {
      const polarity = doc.sentiment.label;
      if (doc.aspects.length > 0 || polarity === 'neutral' || DOMAIN_TRAITS[doc.domain].delivery !== 'days' || UNTRIED.test(doc.text)) return;
      // A review that speaks of the delivery and names no goods (快递到了, 京东快递，已签收) judges no goods.
      if (DELIVERY_WORDS.test(doc.text) && !GOODS.test(doc.text)) return;
      const sign = polarity === 'positive' ? 1 : -1;
      let best = -1;
      doc.clauses.forEach((c, i) => {
        if (!c.hypothetical && (best < 0 || c.score * sign > doc.clauses[best]!.score * sign)) best = i;
      });
      if (best >= 0) doc.aspects = [{ topic: 'product.quality', polarity, evidence: doc.clauses[best]!.text }];
    },
  };
}

function resolve(doc: Doc, judge: (i: number) => Judgement, documentLean: () => number, foodWords: readonly string[] | undefined): Aspect[] {
  const byTopic = new Map<TopicId, number[]>();
  for (const m of specificMentions(doc, foodWords)) {
    const list = byTopic.get(m.topic);
    if (!list) byTopic.set(m.topic, [m.clause]);
    // Mentions come in clause order: a repeat of the same clause is the last one listed.
    else if (list.at(-1) !== m.clause) list.push(m.clause);
  }
  const aspects: Aspect[] = [];
  for (const [topic, clauses] of byTopic) {
    const fault = FAULTS.get(topic);
    // Per side, its first clause and its weight; for praise and criticism, the first and the last
    // of their clauses that judge on their own (strength > 0). Numbers, not lists: this runs per
    // topic of every review.
    let firstPositive = -1;
    let firstNegative = -1;
    let firstNeutral = -1;
    let positiveWeight = 0;
    let negativeWeight = 0;
    let ownPositive = -1;
    let lastOwnPositive = -1;
    let ownNegative = -1;
    let lastOwnNegative = -1;
    for (const c of clauses) {
      const text = doc.clauses[c]!.text;
      let j = fault?.test(text) ? faultJudgement(doc.clauses[c]!, judge(c)) : judge(c);
      // 本来一直很信赖京东，但是这次令我太失望了: trust the review says was given before is betrayed
      // where the review complains.
      if (topic === 'brand.trust' && j.polarity === 'positive' && PAST_TRUST.test(text) && documentLean() < 0) j = { polarity: 'negative', strength: j.strength };
      // 买的笔记本也有七八台了: buying again, told without a judgement, is trust shown.
      else if (topic === 'brand.trust' && j.polarity === 'neutral' && !doc.clauses[c]!.hypothetical && REPEAT_BUYING.test(text)) j = { polarity: 'positive', strength: 0.2 };
      if (j.polarity === 'neutral') {
        if (firstNeutral < 0) firstNeutral = c;
        continue;
      }
      if (j.polarity === 'positive') {
        if (firstPositive < 0) firstPositive = c;
        positiveWeight += j.strength;
        if (j.strength > 0) {
          if (ownPositive < 0) ownPositive = c;
          lastOwnPositive = c;
        }
      } else {
        if (firstNegative < 0) firstNegative = c;
        negativeWeight += j.strength;
        if (j.strength > 0) {
          if (ownNegative < 0) ownNegative = c;
          lastOwnNegative = c;
        }
      }
    }
    if (firstPositive >= 0 && firstNegative >= 0) {
      if (twoSided(doc.clauses, ownPositive, lastOwnPositive, ownNegative, lastOwnNegative)) {
        aspects.push(aspectOf(doc, topic, firstPositive, 'positive'), aspectOf(doc, topic, firstNegative, 'negative'));
      } else if (positiveWeight > negativeWeight) aspects.push(aspectOf(doc, topic, firstPositive, 'positive'));
      // One-sided review: the side that judges more strongly; a tie goes to the complaint.
      else aspects.push(aspectOf(doc, topic, firstNegative, 'negative'));
    } else if (firstPositive >= 0) aspects.push(aspectOf(doc, topic, firstPositive, 'positive'));
    else if (firstNegative >= 0) aspects.push(aspectOf(doc, topic, firstNegative, 'negative'));
    else aspects.push(aspectOf(doc, topic, firstNeutral, 'neutral'));
  }
  return aspects;
}

/**
 * Mentions that state a fault by what they say: a wrong or missing item (少送, 发错, 没有吸管), an
 * amount said to be only so much (只有两片, 菜没有多少), a gift missing and an order left short of the door. They are complaints wherever they are told,
 * unless the clause asks or praises on its own; they borrow no praise from the clauses around them
 * (味道很好，只是饮料没有吸管).
 */
const FAULTS: ReadonlyMap<TopicId, RegExp> = new Map<TopicId, RegExp>([
  ['delivery.accuracy', /./],
  ['product.portion', new RegExp(`只有|仅有|就有|没多少|没有多少|${AMOUNT_SHORT.source}`)],
  // 没有送我挂图, 还不送套子: a gift missing (the labelling guidelines).
  ['loyalty.delight', /(?:没有?|不)送/],
  // 只送到楼下, 没有送货上门: the order left short of the door.
  ['delivery.courier', /只送到|没有?送货上门|不送上楼|没送上楼/],
]);

/** Trust given before, or too much: 本来一直很信赖, 一直信任, 太信任了. */
const PAST_TRUST = /(?:本来|一直|原来|以前|之前|曾经|太)[^，。！？]{0,3}(?:信任|信赖|相信)/;

function faultJudgement(clause: Clause, j: Judgement): Judgement {
  // Praise the lexicon reads in the clause itself stands; a lean of the learned classifier does not.
  if (clause.hypothetical || (j.polarity === 'positive' && clause.score > 0) || j.polarity === 'negative') return j;
  return { polarity: 'negative', strength: Math.max(j.strength, 0.2) };
}

/** Keys in the order of the `painpoint analyze` contract: topic, polarity, evidence. */
function aspectOf(doc: Doc, topic: TopicId, clause: number, polarity: Polarity): Aspect {
  return { topic, polarity, evidence: doc.clauses[clause]!.text };
}

/**
 * Praise and criticism each stated by a clause of its own, with a contrast between them: given the
 * first and last clause of each side that judges on its own (-1: none).
 */
function twoSided(clauses: readonly Clause[], positive: number, lastPositive: number, negative: number, lastNegative: number): boolean {
  if (positive < 0 || negative < 0) return false;
  const first = Math.min(positive, negative);
  const last = Math.max(lastPositive, lastNegative);
  for (let c = first + 1; c <= last; c++) if (clauses[c]!.afterContrast) return true;
  return false;
}

/** What may follow a mediocre word that is the clause's verdict: particles, and 着 of 凑合着. */
const AFTER_VERDICT = /(?:[吧啊呀了的哦呢啦嘛哈着\p{P}\p{S}\s]|而已|罢了)+$/u;

/**
 * A price that fell once the customer had bought (收到价格就降了, 刚买完第二天就便宜了100, 10号买完11号
 * 就又便宜): a complaint, though 便宜 alone is praise. 比超市便宜 tells no time and stays praise.
 */
const PRICE_FELL_AFTER = /(?:买|收到|到货|下单|下完单|抢到?|入手|拿到|付款|签收)[^，。！？,.!?；;]{0,8}?(?:就(?!是)|又|之?后|以后|还更)[^，。！？,.!?；;]{0,4}?(?:降|便宜|掉价)|(?:第二天|隔天|次日|转天|过几天|没几天|几天后|\d+号|今天|这么快)[^，。！？,.!?；;]{0,3}?(?:就|又)[^，。！？,.!?；;]{0,3}?(?:降|便宜|掉价)|(?:到货|收货|收到)当天[^，。！？,.!?；;]{0,3}?(?:降|掉价)/;

/**
 * The same goods cheaper elsewhere or at another time than the customer paid (超市比京东还便宜一些,
 * 大伙可以去超市看看，比这便宜, 现在居然比活动价还便宜, 双十一活动比没活动都贵): a complaint of the price,
 * though 便宜 alone is praise; 比超市便宜 (cheaper than the supermarket) stays praise.
 */
const CHEAPER_ELSEWHERE = /(?<![和跟与同])(?:超市|商场|实体店|专柜|别家|别的店|其他店|外面|线下|淘宝|天猫|拼多多|苏宁|国美)(?:的|里|上|要|还|都){0,2}比(?!起来|较)[^，。！？,.!?；;]{0,6}?(?:便宜|实惠)|比(?:这|这里|京东|活动价?|我买的(?:时候)?)(?:还|要|都)?便宜|(?:活动|促销|双十一|双11|618)[^，。！？,.!?；;]{0,6}?比[^，。！？,.!?；;]{0,8}?贵/;

/** Every price complaint above ends on one of these: most clauses hold none, and skip both patterns. */
const PRICE_WORD_UNITS = codeUnitSet('降便掉贵实');

function priceComplaint(text: string): boolean {
  return holdsCodeUnitOf(text, PRICE_WORD_UNITS) && (PRICE_FELL_AFTER.test(text) || CHEAPER_ELSEWHERE.test(text));
}

/**
 * "A bit too": 有点辣, 稍微有点儿腻, 甜了点, 咸了一点 say a dish or an order has too much of a quality
 * that is no fault in itself (甜 is praise alone), so the clause is a mild complaint; so do 偏咸 and
 * 特咸 (特辣 is a spice level ordered).
 */
const A_BIT_TOO = /(?:有点儿?|有些|稍微|稍|略)(?:太)?[辣甜咸油腻酸苦淡硬干老柴凉冷贵慢少小]|[辣甜咸油腻酸苦淡硬干老柴凉冷贵慢少小]了一?点|偏[辣甜咸油淡硬干贵少小]|(?:特|巨|齁)咸/;

/**
 * Praise denied against what was expected or had before: 没有想象中的好吃, 不如原来好吃了, 口味没有传说中
 * 那么好, 不像其他人评论的那么好, 手感没有开始的时候好了. The lexicon's negation reaches a few words
 * only, and reads the praise past the reference as the clause's verdict.
 */
const FALLS_SHORT = /(?:没有?|不如|不像|比不上|不及|赶不上)[^，。！？,.!?]{0,4}?(?:想象|传说|以前|原来|之前|往常|平时|上次|评论|图片|描述|宣传|说的|看到|期待|期望|预期|店里|实体店|开始的时候|刚开始|刚买的时候|当初)/;

/** Degree words that make a mediocre verdict a complaint: 很一般, 极其一般, 比较一般 is "not good". */
const INTENSIFIED = /(?:很|太|极其|极|非常|特别|十分|超级|超|相当|实在|真的|真是|真心|巨|贼|忒|好|有点|有些|比较|挺|也太)$/;

/** A mediocre verdict as said: plain (味道一般: neither side), or intensified (味道很一般: a complaint). */
type MediocreVerdict = 'plain' | 'intensified';

/**
 * The clause's verdict is a mediocre word: it ends the clause, particles aside (味道一般, 还行吧,
 * 很一般啊). Elsewhere 一般 is "usually" (一般都在30到50分钟之间就能送到) and judges nothing. Read
 * on the text: the segmenter splits 还行 into 还 / 行.
 */
function mediocreVerdict(clause: Clause, mediocre: ReadonlySet<string>): MediocreVerdict | undefined {
  const verdict = clause.text.replace(AFTER_VERDICT, '');
  for (const word of mediocre) {
    if (verdict.endsWith(word)) return INTENSIFIED.test(verdict.slice(0, -word.length)) ? 'intensified' : 'plain';
  }
  return undefined;
}

function opposite(a: Polarity, b: Polarity): boolean {
  return (a === 'positive' && b === 'negative') || (a === 'negative' && b === 'positive');
}

function argmax(p: Float32Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

/** For each clause, the mean score of the clauses in its sentence (between 。！？). */
function sentenceScores(text: string, clauses: readonly Clause[]): number[] {
  const out = new Array<number>(clauses.length);
  let first = 0;
  let sum = 0;
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i]!;
    sum += clause.score;
    const next = clauses[i + 1];
    const ends = !next || SENTENCE_END.test(text.slice(clause.start + clause.text.length, next.start));
    if (ends) {
      const mean = sum / (i - first + 1);
      for (let k = first; k <= i; k++) out[k] = mean;
      first = i + 1;
      sum = 0;
    }
  }
  return out;
}
