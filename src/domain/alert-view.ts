import type { Severity } from '../nlp/types.ts';

/**
 * Alerts as the store reads them back (src/store builds these; delivery, the case API and the
 * dashboard read them).
 */

/** An alert as the store holds it, joined with its feedback item. */
export interface AlertView {
  id: number;
  rule: string;
  severity: Severity;
  keyword: string;
  evidence: string;
  status: string;
  createdAt: Date;
  dueAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  escalatedAt: Date | null;
  resolutionNote: string | null;
  feedback: { id: number; channel: string; source: string; url: string | null; text: string; postedAt: Date | null };
}

export interface DigestView {
  id: number;
  rule: string;
  source: string;
  openedAt: Date;
  closesAt: Date;
  /** Every alert held in the window (the payload lists the first `digestMaxItems`). */
  items: AlertView[];
}

export interface OperationalView {
  id: number;
  kind: string;
  source: string;
  severity: Severity;
  detail: string;
  createdAt: Date;
}
