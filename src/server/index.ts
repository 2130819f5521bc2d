export { createCaseApi, ALERT_STATUSES, type CaseApiOptions } from './case-api.ts';
