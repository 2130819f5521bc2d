export { resolveServices, type ResolvedServices } from './connect.ts';
export { servicesUp, servicesDown, servicesStatus, type ServicesStatus, type LocalServiceStatus, type UpOptions } from './local-services.ts';
export { probeDatabase } from './probe.ts';
