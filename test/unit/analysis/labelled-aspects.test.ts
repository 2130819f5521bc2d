/**
 * The analysis on the hand-labelled real reviews (labelled-aspects.jsonl in the corpus folder, found
 * through corpusDir(): PAINPOINT_DATA or ../shared/data): the `test` split's figures must stay above
 * thresholds set a little below those measured when they were set. Where the corpus folder is not
 * beside the checkout, the reader's error (naming the file and PAINPOINT_DATA) is what is checked,
 * together with the reader itself on a few lines of the same format.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../src/analysis/index.ts';
import { scoreAnalyses } from '../../../src/analysis/aspect-scores.ts';
import { labelledAspectsPath, labelledDomains, readLabelledAspects } from '../../../src/analysis/labelled-aspects.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { InputError } from '../../../src/errors/index.ts';
import { createLogger } from '../../../src/log/logger.ts';

// Measured on the test split when set (eval-aspects, with a sentiment model that never read a
// labelled review): aspects F1 0.694 (takeout 0.705, e-commerce 0.678; mediocre verdicts 一般/还行
// neutral, as issue 9 asks, where the hand labels read them as complaint/praise); alerts F1 0.872,
// precision 0.934 (takeout F1 0.895; e-commerce 0.588 on 10 alerts, too few to hold to a
// threshold: one review moves it by about 0.1).
const THRESHOLDS = {
  aspectF1: 0.685,
  takeoutAspectF1: 0.70,
  ecommerceAspectF1: 0.66,
  alertF1: 0.86,
  alertPrecision: 0.92,
  takeoutAlertF1: 0.88,
};

const file = labelledAspectsPath();
const present = fs.existsSync(file);

describe('labelled-aspects.jsonl', () => {
  it('reads the format, and names the line and field of a bad row', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-labelled-'));
    try {
      const good = { id: 'waimai:1', split: 'train', text: '两个小时才送到，失望', aspects: [['delivery.timeliness', 'negative']], alerts: ['late_delivery'], sentiment: 'negative' };
      const sample = path.join(dir, 'labelled-aspects.jsonl');
      fs.writeFileSync(sample, JSON.stringify(good) + '\n' + JSON.stringify({ ...good, id: 'shop:2', aspects: [['product.colour', 'negative']] }) + '\n');
      expect(() => readLabelledAspects(sample)).toThrow(`${sample}:2: aspects.0.0:`);
      fs.writeFileSync(sample, JSON.stringify(good) + '\n');
      expect(readLabelledAspects(sample)).toEqual([{ ...good, domain: 'takeout' }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  if (!present) {
    it('is not beside the checkout: reading it says where it was looked for and how to point to it', () => {
      expect(() => readLabelledAspects(file)).toThrow(InputError);
      expect(() => readLabelledAspects(file)).toThrow(/set PAINPOINT_DATA/);
    });
    return;
  }

  it('test split: aspects, alerts, per domain, above the thresholds', async () => {
    const reviews = readLabelledAspects(file).filter((r) => r.split === 'test');
    expect(reviews.length).toBeGreaterThan(300);
    const config = loadConfig();
    const analyzer = await loadAnalyzer(config, { logger: createLogger({ level: 'silent' }) });
    // Each review under its corpus's domain, as eval-aspects reads it.
    const score = async (rs: typeof reviews) => scoreAnalyses(rs, await analyzer.analyzeBatch(rs.map((r) => r.text), labelledDomains(rs, config.nlp)));
    const all = await score(reviews);
    const takeout = await score(reviews.filter((r) => r.domain === 'takeout'));
    const ecommerce = await score(reviews.filter((r) => r.domain === 'ecommerce'));
    console.log(
      `labelled-aspects test split (${all.reviews}): aspects F1 ${all.aspects.f1.toFixed(3)} (takeout ${takeout.aspects.f1.toFixed(3)}, e-commerce ${ecommerce.aspects.f1.toFixed(3)}), ` +
        `alerts F1 ${all.alerts.f1.toFixed(3)} P ${all.alerts.precision.toFixed(3)} (takeout F1 ${takeout.alerts.f1.toFixed(3)})`,
    );
    expect(all.aspects.f1).toBeGreaterThanOrEqual(THRESHOLDS.aspectF1);
    expect(takeout.aspects.f1).toBeGreaterThanOrEqual(THRESHOLDS.takeoutAspectF1);
    expect(ecommerce.aspects.f1).toBeGreaterThanOrEqual(THRESHOLDS.ecommerceAspectF1);
    expect(all.alerts.f1).toBeGreaterThanOrEqual(THRESHOLDS.alertF1);
    expect(all.alerts.precision).toBeGreaterThanOrEqual(THRESHOLDS.alertPrecision);
    expect(takeout.alerts.f1).toBeGreaterThanOrEqual(THRESHOLDS.takeoutAlertF1);
  });
});
