// An area's namespace object (`client.sms`), as the main client and the lazy entry both make it.

const AREA_TAG = { value: 'ClickSendArea' };

/** A namespace tagged so that `String(client.sms)` names what it is. */
export const newArea = () => Object.defineProperty({}, Symbol.toStringTag, AREA_TAG);
