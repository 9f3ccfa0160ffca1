/**
 * The payment seam: checkout asks the gateway to authorize the order's total after pricing it and before
 * committing. A real provider implements this interface (it must be idempotent on orderNo, since a transaction
 * retried after a deadlock asks again); no card data passes through these services.
 */
export interface PaymentGateway {
  authorize(request: { orderNo: string; amount: number }): Promise<PaymentResult>;
}

export type PaymentResult = { approved: true; reference: string } | { approved: false; reason: string };

/** The default provider: approves every order (orders are placed as paid). */
export const approvingGateway: PaymentGateway = {
  async authorize({ orderNo }) {
    return { approved: true, reference: `auto-${orderNo}` };
  },
};
