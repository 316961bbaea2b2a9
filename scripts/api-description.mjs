// What the type generator and the conformance tests both need to know about ClickSend's API
// descriptions, kept in one place.
import { fileURLToPath } from 'node:url';

/**
 * Where ClickSend's API descriptions are (openapi-v3.yaml, swagger-v2.yaml): CLICKSEND_API_DIR,
 * else shared/clicksend-api beside the checkout. Every generator and test reads it from here.
 */
export const API_DIR = process.env.CLICKSEND_API_DIR ?? fileURLToPath(new URL('../../shared/clicksend-api', import.meta.url));

/** Operations to take from swagger-v2.yaml although openapi-v3.yaml has them, and why. */
export const PREFER_SWAGGER = {
  // openapi-v3.yaml gives this body update_payment_info_request (a credit card): a copy of the
  // wrong schema. swagger-v2.yaml's ResellerAccountTransferCredit is the transfer.
  'reseller.transferCredit': 'openapi-v3.yaml describes a credit card as its body',
};
