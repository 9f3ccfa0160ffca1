// Registration and question days are Asia/Seoul calendar days; the rule lives with the counters (@brandi/db).
export { kstDayEnd, kstDayStart } from '@brandi/db';
