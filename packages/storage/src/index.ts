import { hello } from '@brandi/db'; export const h2 = () => hello();
