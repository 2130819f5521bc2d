export { CHANNELS, CRAWLED_CHANNELS, type Channel } from './channel.ts';
export type { ChatTurn, FeedbackRecord, RecordOrigin } from './feedback-record.ts';
export type { AlertView, DigestView, OperationalView } from './alert-view.ts';
export { DEFAULT_DEADLINE_HOURS, parseDeadline, type Deadline, type DeadlineSpec } from './deadlines.ts';
export { CALENDARS, DEFAULT_WORKING_HOURS, minutesOfDay, type CalendarName, type WorkingHoursConfig } from './working-hours.ts';
export { DEFAULT_TIME_ZONE } from './time-zone.ts';
export { ALERT_STATUSES, type AlertStatus } from './alert-status.ts';
export { lastDay, parsePeriod, todayIn, type ReportPeriod } from './period.ts';
export { formatScope, parseScope, type Scope } from './scope.ts';
