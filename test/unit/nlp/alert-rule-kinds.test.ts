/**
 * The alert rule kinds beyond keywords, each firing and not firing on real phrasing (short
 * examples of the kind found in takeout and e-commerce reviews), through the bundled rules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../src/analysis/index.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { RULE_PIPELINE, type Analyzer } from '../../../src/nlp/index.ts';
import { numberValue } from '../../../src/nlp/alert-patterns.ts';

let analyzer: Analyzer;
const rules = (text: string) => analyzer.analyze(text).alerts.map((a) => a.rule);

beforeAll(async () => {
  analyzer = await loadAnalyzer(loadConfig(), { mode: 'lexicon', pipeline: RULE_PIPELINE, logger: createLogger({ level: 'silent' }) });
});

describe('negated attribute', () => {
  it.each([
    ['苹果不够新鲜', 'spoilage'],
    ['这次的草莓不太新鲜', 'spoilage'],
    ['可乐不冰了', 'cold_chain_failure'],
    ['送货速度不那么快', 'late_delivery'],
    ['总是不能按时到', 'late_delivery'],
  ])('%s fires %s', (text, rule) => {
    expect(rules(text)).toContain(rule);
  });

  it.each(['草莓很新鲜', '冷凍水餃一點都沒退冰', '快递不给送上楼', '请问是不是不太新鲜了？'])('%s fires no negated-attribute rule', (text) => {
    expect(rules(text)).not.toContain('spoilage');
    expect(rules(text)).not.toContain('late_delivery');
    expect(rules(text)).not.toContain('cold_chain_failure');
  });
});

describe('gapped sequence', () => {
  it.each(['以后我不会在京东买水果了', '下次不会点你家外卖了', '难吃死了以后再不定了'])('%s fires churn_risk', (text) => {
    expect(rules(text)).toContain('churn_risk');
  });

  it.each(['以后还会再买的', '下次会不会再买看情况吧', '劝大家以后不要再买了', '在家吃火锅再也不用排队了'])('%s does not fire churn_risk', (text) => {
    expect(rules(text)).not.toContain('churn_risk');
  });
});

describe('counted defect', () => {
  it.each([
    ['八个有两个坏的', 'spoilage'],
    ['一箱九个是烂的', 'spoilage'],
    ['鸡蛋碎了三个', 'packaging_damage'],
  ])('%s fires %s', (text, rule) => {
    expect(rules(text)).toContain(rule);
  });

  it.each(['一个都没有破，蛋托外面还包了气泡膜', '手机用了一个月就坏了', '有几颗压坏了'])('%s does not fire spoilage', (text) => {
    expect(rules(text)).not.toContain('spoilage');
  });
});

describe('duration over the threshold of its unit', () => {
  it.each(['下单后四五天才到', '两个小时才送到，失望', '等了一个多小时', '晚了半小时，饭都凉了', '10点订的，12点才送到'])('%s fires late_delivery', (text) => {
    expect(rules(text)).toContain('late_delivery');
  });

  it.each(['第二天就到了', '30分钟就送到了，很快', '用了两天，还可以', '一周配送五次从没迟到过'])('%s does not fire late_delivery', (text) => {
    expect(rules(text)).not.toContain('late_delivery');
  });

  it('reads Arabic and Chinese counts, ranges by their first number', () => {
    expect([numberValue('2'), numberValue('两'), numberValue('十六'), numberValue('二十'), numberValue('四五'), numberValue('半'), numberValue('1.5')]).toEqual([2, 2, 16, 20, 4, 0.5, 1.5]);
  });
});

describe('context guards', () => {
  it('坏了 of a phone or a water heater is not spoilage; of fruit it is', () => {
    expect(rules('手机刚买一个月就坏了')).not.toContain('spoilage');
    expect(rules('热水器装上第二天就坏了')).not.toContain('spoilage');
    expect(rules('芒果收到就坏了')).toContain('spoilage');
  });

  it('reported speech and advice to others fire neither churn nor safety', () => {
    expect(rules('看评论说有人吃了拉肚子')).toEqual([]);
    expect(rules('吃完拉肚子了')).toEqual(['food_safety']);
    expect(rules('大家以后别再买了')).not.toContain('churn_risk');
    expect(rules('以后别再买了')).toContain('churn_risk');
  });

  it('a slow phone or a slow customer service reply is no late delivery', () => {
    expect(rules('充电很慢，反应也慢')).toEqual([]);
    expect(rules('客服回复太慢了')).toEqual([]);
    expect(rules('快递又慢')).toEqual(['late_delivery']);
  });
});
