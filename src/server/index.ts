export { createCaseApi, type CaseApiOptions } from './case-api.ts';
export { createDashboardServer, type DashboardOptions } from './dashboard-server.ts';
