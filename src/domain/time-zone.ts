/** The zone of day boundaries, weeks and working hours where the config names none. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
