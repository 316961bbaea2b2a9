//! The endpoint table: every operation the client offers, declared once.
//!
//! The JS namespaces (`client.sms.send`), `endpoints()`, the TypeScript declarations
//! and the sandbox's routes are all made from this one slice. Adding an endpoint means
//! adding one line here (and its types); the request pipeline never changes.
//!
//! One row says everything about an operation. What its method implies is the default
//! (see [`op`]); anything else is written on the row itself, with a comment saying why:
//! `.not_repeatable()` for a PUT that buys or sends, `.repeatable()` for a POST that only
//! computes, `.path_params(&[...])` where a path parameter is not a numeric id.

use crate::messages::MessageKind;
pub use crate::path::{ParamKind, ParamKinds};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Parses an upper-case HTTP method name, as given to `client.request`.
    pub fn parse(name: &str) -> Option<Method> {
        Some(match name {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }
}

/// What an operation takes after its path parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// Nothing but the optional call options.
    None,
    /// An optional object sent as the query string.
    Query,
    /// A query with `page` and `limit`, answered with ClickSend's pagination; the function
    /// also gets `.all(query, {maxItems, maxPages, signal})`, an async iterator over items.
    PagedQuery,
    /// A JSON body object, checked by the given rule before anything is sent.
    Body(BodyRule),
    /// A body, then an optional query object (`uploads.create(file, {convert})`).
    BodyAndQuery(BodyRule),
}

/// The checks a body gets before it is sent (only the rules the API itself has).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyRule {
    /// Any JSON object.
    Object,
    /// A JSON object, or nothing (then no body is sent).
    OptionalObject,
    /// A file for `POST /uploads`: `{content: base64}` as the API takes it, or the bytes
    /// (a `Blob`, `ArrayBuffer` or typed array), which the client encodes.
    Upload,
    /// `{messages: [...]}` with 1..=1000 messages of the given kind.
    Messages(MessageKind),
}

/// Which service an operation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    /// ClickSend's REST API (through the Maton gateway, directly, or `baseUrl`), under `/v3`,
    /// answering with ClickSend's envelope.
    ClickSend,
    /// Maton's control plane (`https://ctrl.maton.ai`, or `controlUrl`): connection
    /// management with the same Bearer key, answering with plain JSON objects.
    MatonControl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub host: Host,
    /// The namespace on the client: `client.<area>.<name>(...)`.
    pub area: &'static str,
    pub name: &'static str,
    pub method: Method,
    /// Relative to `/v3` (ClickSend) or the control plane's root, with `{param}`
    /// placeholders in the order the function takes them.
    pub path: &'static str,
    pub input: Input,
    /// Whether sending it twice has the same effect as sending it once, so that it may be
    /// retried after a 5xx or a network error as well as after a 429 (`crate::retry`).
    pub repeat_safe: bool,
    /// The kind of each path parameter, in order.
    pub param_kinds: ParamKinds,
    /// Whether a success comes in ClickSend's envelope (`{http_code, response_code, ...}`).
    /// Not for Maton's control plane, nor for the newer APIs whose description shows plain
    /// objects (alpha tags, own numbers).
    pub enveloped: bool,
    /// Whether the client also offers `<area>.<name>Bulk`: any number of messages, through this
    /// operation in calls of at most 1000 (`sendBulk` for the sends of messages, with one
    /// outcome per message; `priceBulk` for their quotes, summed into one).
    pub bulk: bool,
    /// Whether the client also offers `<area>.reconcile` through this operation: a history
    /// that can be searched by recipient (`q=to:`), which only the SMS history documents.
    pub reconcile: bool,
}

impl Endpoint {
    /// The names of the path parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &'static str> {
        let path: &'static str = self.path;
        path.split('/').filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }

    /// The kind of path parameter number `i`.
    pub fn param_kind(&self, i: usize) -> ParamKind {
        self.param_kinds.get(i)
    }

    /// `sms.send`, for messages.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.area, self.name)
    }

    /// Safe to repeat although its method says otherwise (a POST that only computes a price).
    /// Say why in a comment on the row.
    const fn repeatable(self) -> Endpoint {
        Endpoint { repeat_safe: true, ..self }
    }

    /// Not safe to repeat although its method says otherwise (a PUT that buys, sends or
    /// makes something new). Say why in a comment on the row.
    const fn not_repeatable(self) -> Endpoint {
        Endpoint { repeat_safe: false, ..self }
    }

    /// Answers with a plain object, not ClickSend's envelope. Say which description shows it.
    const fn plain_answer(self) -> Endpoint {
        Endpoint { enveloped: false, ..self }
    }

    /// The kinds of the path parameters, where not every one is a numeric id.
    const fn path_params(self, kinds: &[ParamKind]) -> Endpoint {
        Endpoint { param_kinds: ParamKinds::of(kinds), ..self }
    }

    /// Has `<name>Bulk` beside it (see [`Endpoint::bulk`]).
    const fn with_bulk(self) -> Endpoint {
        Endpoint { bulk: true, ..self }
    }

    /// Has `reconcile` beside it (see [`Endpoint::reconcile`]).
    const fn with_reconcile(self) -> Endpoint {
        Endpoint { reconcile: true, ..self }
    }

    /// The kind of the messages its body holds, for a send or a price of messages.
    pub fn message_kind(&self) -> Option<MessageKind> {
        match self.input {
            Input::Body(BodyRule::Messages(kind)) | Input::BodyAndQuery(BodyRule::Messages(kind)) => Some(kind),
            _ => None,
        }
    }
}

/// An operation of ClickSend's API with the defaults its method implies: a GET, PUT, PATCH or
/// DELETE is safe to repeat (it reads, sets a state or removes), a POST is not (it sends or
/// creates); every path parameter is a numeric id.
const fn op(area: &'static str, name: &'static str, method: Method, path: &'static str, input: Input) -> Endpoint {
    let repeat_safe = !matches!(method, Method::Post);
    Endpoint { host: Host::ClickSend, area, name, method, path, input, repeat_safe, param_kinds: ParamKinds::ALL_IDS, enveloped: true, bulk: false, reconcile: false }
}

/// An operation of Maton's control plane, with the same defaults as [`op`].
const fn maton(area: &'static str, name: &'static str, method: Method, path: &'static str, input: Input) -> Endpoint {
    Endpoint { host: Host::MatonControl, enveloped: false, ..op(area, name, method, path, input) }
}

use BodyRule::{Messages, Object, OptionalObject, Upload};
use Input::{Body, BodyAndQuery, PagedQuery, Query};
use Method::{Delete, Get, Patch, Post, Put};
use ParamKind::{Id, IdOrToken, Token};

/// Every operation: first the core set (the messaging, contact and account operations, the ones the
/// Maton gateway documents) and Maton's connection management, then the rest of the API.
pub static ENDPOINTS: &[Endpoint] = &[
    op("account", "get", Get, "/account", Input::None),
    op("sms", "send", Post, "/sms/send", Body(Messages(MessageKind::Sms))).with_bulk(),
    op("sms", "price", Post, "/sms/price", Body(Messages(MessageKind::Sms))).repeatable().with_bulk(), // a quote: nothing is sent or charged
    op("sms", "history", Get, "/sms/history", PagedQuery).with_reconcile(),
    op("sms", "inbound", Get, "/sms/inbound", PagedQuery),
    op("sms", "receipts", Get, "/sms/receipts", PagedQuery),
    op("sms", "cancel", Put, "/sms/{message_id}/cancel", Input::None).path_params(&[Token]),
    // The OpenAPI 3 description gives an optional body `{custom_string}` (cancel only those).
    op("sms", "cancelAll", Put, "/sms/cancel-all", Body(OptionalObject)),
    op("smsTemplates", "list", Get, "/sms/templates", PagedQuery),
    op("smsTemplates", "create", Post, "/sms/templates", Body(Object)),
    op("smsTemplates", "update", Put, "/sms/templates/{template_id}", Body(Object)),
    op("smsTemplates", "delete", Delete, "/sms/templates/{template_id}", Input::None),
    op("mms", "send", Post, "/mms/send", Body(Messages(MessageKind::Mms))).with_bulk(),
    op("mms", "price", Post, "/mms/price", Body(Messages(MessageKind::Mms))).repeatable().with_bulk(), // a quote: nothing is sent or charged
    op("mms", "history", Get, "/mms/history", PagedQuery),
    op("mms", "receipts", Get, "/mms/receipts", PagedQuery),
    op("voice", "send", Post, "/voice/send", Body(Messages(MessageKind::Voice))).with_bulk(),
    op("voice", "price", Post, "/voice/price", Body(Messages(MessageKind::Voice))).repeatable().with_bulk(), // a quote: nothing is sent or charged
    op("voice", "history", Get, "/voice/history", PagedQuery),
    op("voice", "languages", Get, "/voice/lang", Input::None),
    op("voice", "cancel", Put, "/voice/{message_id}/cancel", Body(OptionalObject)).path_params(&[Token]),
    op("lists", "list", Get, "/lists", PagedQuery),
    op("lists", "get", Get, "/lists/{list_id}", Input::None),
    op("lists", "create", Post, "/lists", Body(Object)),
    op("lists", "update", Put, "/lists/{list_id}", Body(Object)),
    op("lists", "delete", Delete, "/lists/{list_id}", Input::None),
    // The body `{fields}` names the fields that make two contacts duplicates (ClickSend's
    // description); the Maton guide sends none, so it is optional.
    op("lists", "removeDuplicates", Put, "/lists/{list_id}/remove-duplicates", Body(OptionalObject)),
    op("contacts", "list", Get, "/lists/{list_id}/contacts", PagedQuery),
    op("contacts", "get", Get, "/lists/{list_id}/contacts/{contact_id}", Input::None),
    op("contacts", "create", Post, "/lists/{list_id}/contacts", Body(Object)),
    op("contacts", "update", Put, "/lists/{list_id}/contacts/{contact_id}", Body(Object)),
    op("contacts", "delete", Delete, "/lists/{list_id}/contacts/{contact_id}", Input::None),
    op("contacts", "copy", Put, "/lists/{from_list_id}/contacts/{contact_id}/copy/{to_list_id}", Body(OptionalObject)).not_repeatable(), // each copy is a new contact
    // A second move finds the contact gone from the first list (404): nothing is doubled.
    op("contacts", "transfer", Put, "/lists/{from_list_id}/contacts/{contact_id}/transfer/{to_list_id}", Body(OptionalObject)).repeatable(),
    op("emailAddresses", "list", Get, "/email/addresses", PagedQuery),
    op("emailAddresses", "create", Post, "/email/addresses", Body(Object)),
    op("emailAddresses", "delete", Delete, "/email/addresses/{email_address_id}", Input::None),
    op("countries", "list", Get, "/countries", Input::None),
    maton("connections", "list", Get, "/connections", Query),
    maton("connections", "create", Post, "/connections", Body(Object)),
    maton("connections", "get", Get, "/connections/{connection_id}", Input::None).path_params(&[Token]),
    maton("connections", "delete", Delete, "/connections/{connection_id}", Input::None).path_params(&[Token]),
    // The rest of ClickSend's v3 API: every other operation of its official descriptions
    // (swagger-v2.yaml, openapi-v3.yaml), by area.
    op("account", "create", Post, "/account", Body(Object)),
    op("account", "sendVerification", Put, "/account-verify/send", Body(Object)).not_repeatable(), // sends the activation code
    op("account", "verify", Put, "/account-verify/verify/{activation_token}", Input::None).path_params(&[IdOrToken]),
    op("account", "usageBySubaccount", Get, "/account/usage/{year}/{month}/subaccount", Input::None),
    op("account", "forgotPassword", Put, "/forgot-password", Body(OptionalObject)).not_repeatable(), // sends a reset email
    op("account", "verifyForgotPassword", Put, "/forgot-password/verify", Body(Object)).not_repeatable(), // sets a new password with a one-time code
    op("account", "forgotUsername", Put, "/forgot-username", Body(OptionalObject)).not_repeatable(), // sends an email
    op("alphaTags", "list", Get, "/alpha-tags", Query).plain_answer(),                               // openapi-v3.yaml: list-alpha-tags
    op("alphaTags", "create", Post, "/alpha-tags", Body(Object)).plain_answer(),                     // openapi-v3.yaml: alpha_tag
    op("alphaTags", "delete", Delete, "/alpha-tags/{alpha_tag_id}", Input::None).path_params(&[IdOrToken]),
    op("alphaTags", "get", Get, "/alpha-tags/{alpha_tag_id}", Input::None).path_params(&[IdOrToken]).plain_answer(), // openapi-v3.yaml: alpha_tag
    op("countries", "listAll", Get, "/country-list", Input::None),
    op("defaultSenders", "list", Get, "/senders/default-senders", Query),
    op("defaultSenders", "create", Post, "/senders/default-senders", Body(Object)),
    op("defaultSenders", "delete", Delete, "/senders/default-senders/{default_sender_id}", Input::None).path_params(&[IdOrToken]),
    op("defaultSenders", "get", Get, "/senders/default-senders/{default_sender_id}", Input::None).path_params(&[IdOrToken]),
    op("defaultSenders", "update", Patch, "/senders/default-senders/{default_sender_id}", Body(Object)).path_params(&[IdOrToken]),
    op("deliveryIssues", "list", Get, "/delivery-issues", PagedQuery),
    op("deliveryIssues", "create", Post, "/delivery-issues", Body(Object)),
    op("email", "history", Get, "/email/history", PagedQuery),
    op("email", "exportHistory", Get, "/email/history/export", Query),
    op("email", "price", Post, "/email/price", Body(Object)).repeatable(), // a quote: nothing is sent or charged
    op("email", "send", Post, "/email/send", Body(Object)),
    op("emailAddresses", "sendVerification", Put, "/email/address-verify/{email_address_id}/send", Body(OptionalObject)).not_repeatable(), // sends a verification email
    op("emailAddresses", "verify", Put, "/email/address-verify/{email_address_id}/verify/{activation_token}", Body(OptionalObject)).path_params(&[Id, IdOrToken]),
    op("emailAddresses", "get", Get, "/email/addresses/{email_address_id}", Input::None),
    op("emailCampaigns", "list", Get, "/email-campaigns", PagedQuery),
    op("emailCampaigns", "price", Post, "/email-campaigns/price", Body(Object)).repeatable(), // a quote: nothing is sent or charged
    op("emailCampaigns", "send", Post, "/email-campaigns/send", Body(Object)),
    op("emailCampaigns", "get", Get, "/email-campaigns/{email_campaign_id}", Input::None),
    op("emailCampaigns", "update", Put, "/email-campaigns/{email_campaign_id}", Body(Object)),
    op("emailCampaigns", "cancel", Put, "/email-campaigns/{email_campaign_id}/cancel", Body(OptionalObject)),
    op("emailCampaigns", "history", Get, "/email-campaigns/{email_campaign_id}/history", PagedQuery),
    op("emailCampaigns", "exportHistory", Get, "/email-campaigns/{email_campaign_id}/history/export", Query),
    op("emailMasterTemplates", "list", Get, "/email/master-templates", PagedQuery),
    op("emailMasterTemplates", "listCategories", Get, "/email/master-templates-categories", PagedQuery),
    op("emailMasterTemplates", "getCategory", Get, "/email/master-templates-categories/{category_id}", Input::None),
    op("emailMasterTemplates", "listInCategory", Get, "/email/master-templates-categories/{category_id}/master-templates", PagedQuery),
    op("emailMasterTemplates", "get", Get, "/email/master-templates/{template_id}", Input::None),
    op("emailReceiptRules", "list", Get, "/automations/email/receipts", PagedQuery),
    op("emailReceiptRules", "create", Post, "/automations/email/receipts", Body(Object)),
    op("emailReceiptRules", "delete", Delete, "/automations/email/receipts/{receipt_rule_id}", Input::None),
    op("emailReceiptRules", "get", Get, "/automations/email/receipts/{receipt_rule_id}", Input::None),
    op("emailReceiptRules", "update", Put, "/automations/email/receipts/{receipt_rule_id}", Body(Object)),
    op("emailTemplates", "list", Get, "/email/templates", PagedQuery),
    op("emailTemplates", "create", Post, "/email/templates", Body(Object)),
    op("emailTemplates", "delete", Delete, "/email/templates/{template_id}", Input::None),
    op("emailTemplates", "get", Get, "/email/templates/{template_id}", Input::None),
    op("emailTemplates", "update", Put, "/email/templates/{template_id}", Body(Object)),
    op("emailToSms", "listAllowedAddresses", Get, "/sms/email-sms", PagedQuery),
    op("emailToSms", "createAllowedAddress", Post, "/sms/email-sms", Body(Object)),
    op("emailToSms", "listStrippedStrings", Get, "/sms/email-sms-stripped-strings", PagedQuery),
    op("emailToSms", "createStrippedString", Post, "/sms/email-sms-stripped-strings", Body(Object)),
    op("emailToSms", "deleteStrippedString", Delete, "/sms/email-sms-stripped-strings/{rule_id}", Input::None),
    op("emailToSms", "getStrippedString", Get, "/sms/email-sms-stripped-strings/{rule_id}", Input::None),
    op("emailToSms", "updateStrippedString", Put, "/sms/email-sms-stripped-strings/{rule_id}", Body(Object)),
    op("fax", "history", Get, "/fax/history", PagedQuery),
    op("fax", "price", Post, "/fax/price", Body(Object)).repeatable(), // a quote: nothing is sent or charged
    op("fax", "receipts", Get, "/fax/receipts", PagedQuery),
    op("fax", "createTestReceipt", Post, "/fax/receipts", Body(Object)),
    op("fax", "markReceiptsRead", Put, "/fax/receipts-read", Body(OptionalObject)),
    op("fax", "getReceipt", Get, "/fax/receipts/{message_id}", Input::None).path_params(&[Token]),
    op("fax", "send", Post, "/fax/send", Body(Object)),
    op("faxInboundRules", "list", Get, "/automations/fax/inbound", PagedQuery),
    op("faxInboundRules", "create", Post, "/automations/fax/inbound", Body(Object)),
    op("faxInboundRules", "delete", Delete, "/automations/fax/inbound/{inbound_rule_id}", Input::None),
    op("faxInboundRules", "get", Get, "/automations/fax/inbound/{inbound_rule_id}", Input::None),
    op("faxInboundRules", "update", Put, "/automations/fax/inbound/{inbound_rule_id}", Body(Object)),
    op("faxReceiptRules", "list", Get, "/automations/fax/receipts", PagedQuery),
    op("faxReceiptRules", "create", Post, "/automations/fax/receipts", Body(Object)),
    op("faxReceiptRules", "delete", Delete, "/automations/fax/receipts/{receipt_rule_id}", Input::None),
    op("faxReceiptRules", "get", Get, "/automations/fax/receipts/{receipt_rule_id}", Input::None),
    op("faxReceiptRules", "update", Put, "/automations/fax/receipts/{receipt_rule_id}", Body(Object)),
    op("globalSending", "list", Get, "/user-countries", Input::None),
    op("globalSending", "select", Post, "/user-countries", Body(Object)),
    op("globalSending", "agree", Post, "/user-countries/agree", Body(OptionalObject)),
    op("lists", "import", Post, "/lists/{list_id}/import", Body(Object)),
    op("lists", "removeOptedOut", Put, "/lists/{list_id}/remove-opted-out-contacts/{opt_out_list_id}", Body(OptionalObject)),
    op("lists", "search", Get, "/search/contacts-lists", PagedQuery),
    op("mms", "exportHistory", Get, "/mms/history/export", Query),
    op("mms", "markReceiptsRead", Put, "/mms/receipts-read", Body(OptionalObject)),
    op("mmsCampaigns", "list", Get, "/mms-campaigns", PagedQuery),
    op("mmsCampaigns", "price", Post, "/mms-campaigns/price", Body(Object)).repeatable(), // a quote: nothing is sent or charged
    op("mmsCampaigns", "send", Post, "/mms-campaigns/send", Body(Object)),
    op("mmsCampaigns", "get", Get, "/mms-campaigns/{mms_campaign_id}", Input::None),
    op("mmsCampaigns", "update", Put, "/mms-campaigns/{mms_campaign_id}", Body(Object)),
    op("mmsCampaigns", "cancel", Put, "/mms-campaigns/{mms_campaign_id}/cancel", Body(OptionalObject)),
    op("numbers", "list", Get, "/numbers", PagedQuery),
    // The descriptions disagree: OpenAPI 3 requires a body, Swagger 2 has none; it is optional.
    op("numbers", "buy", Post, "/numbers/buy/{dedicated_number}", BodyAndQuery(OptionalObject)).path_params(&[Token]),
    op("numbers", "register", Post, "/numbers/registrations/number-types/{number_type}/country/{country_code}", Body(Object)).path_params(&[Token, Token]),
    op("numbers", "search", Get, "/numbers/search/{country}", PagedQuery).path_params(&[Token]),
    op("ownNumbers", "list", Get, "/own-numbers", Input::None).plain_answer(), // openapi-v3.yaml: list-own-numbers
    op("ownNumbers", "requestVerification", Post, "/own-numbers/verifications", Body(Object)).plain_answer(), // openapi-v3.yaml: request-own-number-verification-otp
    op("ownNumbers", "verify", Post, "/own-numbers/verifications/{verification_id}/verify", Body(Object)).path_params(&[IdOrToken]).plain_answer(), // openapi-v3.yaml: verify-own-number-otp
    op("ownNumbers", "delete", Delete, "/own-numbers/{own_number_id}", Input::None).path_params(&[IdOrToken]).plain_answer(),                       // openapi-v3.yaml: own_number
    op("ownNumbers", "get", Get, "/own-numbers/{own_number_id}", Input::None).path_params(&[IdOrToken]).plain_answer(),                             // openapi-v3.yaml: own_number
    // openapi-v3.yaml gives this PATCH a body with no content; the fields are the caller's.
    op("ownNumbers", "update", Patch, "/own-numbers/{own_number_id}", Body(OptionalObject)).path_params(&[IdOrToken]).plain_answer(), // openapi-v3.yaml: own_number
    op("postLetters", "detectAddress", Post, "/post/letters/detect-address", Body(Object)).repeatable(), // reads the address off a letter: nothing is sent
    op("postLetters", "history", Get, "/post/letters/history", PagedQuery),
    op("postLetters", "exportHistory", Get, "/post/letters/history/export", Query),
    op("postLetters", "price", Post, "/post/letters/price", Body(Object)).repeatable(), // a quote: nothing is sent or charged
    op("postLetters", "send", Post, "/post/letters/send", Body(Object)),
    op("postcards", "history", Get, "/post/postcards/history", PagedQuery),
    op("postcards", "exportHistory", Get, "/post/postcards/history/export", Query),
    op("postcards", "price", Post, "/post/postcards/price", Body(Object)).repeatable(), // a quote: nothing is sent or charged
    op("postcards", "send", Post, "/post/postcards/send", Body(Object)),
    op("recharge", "getCreditCard", Get, "/recharge/credit-card", Input::None),
    op("recharge", "updateCreditCard", Put, "/recharge/credit-card", Body(Object)).repeatable(), // stores the card: nothing is charged
    op("recharge", "packages", Get, "/recharge/packages", Query),
    op("recharge", "purchase", Put, "/recharge/purchase/{package_id}", Body(OptionalObject)).not_repeatable(), // buys credit
    op("recharge", "transactions", Get, "/recharge/transactions", PagedQuery),
    op("recharge", "getTransaction", Get, "/recharge/transactions/{transaction_id}", Input::None).path_params(&[IdOrToken]),
    op("referral", "accounts", Get, "/referral/accounts", PagedQuery),
    op("reseller", "listAccounts", Get, "/reseller/accounts", PagedQuery),
    op("reseller", "createAccount", Post, "/reseller/accounts", Body(Object)),
    op("reseller", "getAccount", Get, "/reseller/accounts/{client_user_id}", Input::None),
    op("reseller", "updateAccount", Put, "/reseller/accounts/{client_user_id}", Body(Object)),
    op("reseller", "transferCredit", Put, "/reseller/transfer-credit", Body(Object)).not_repeatable(), // moves credit between accounts
    op("returnAddresses", "list", Get, "/post/return-addresses", PagedQuery),
    op("returnAddresses", "create", Post, "/post/return-addresses", Body(Object)),
    op("returnAddresses", "delete", Delete, "/post/return-addresses/{return_address_id}", Input::None),
    op("returnAddresses", "get", Get, "/post/return-addresses/{return_address_id}", Input::None),
    op("returnAddresses", "update", Put, "/post/return-addresses/{return_address_id}", Body(Object)),
    op("senders", "compliantTypes", Get, "/senders/compliant-sender-types", Query),
    op("shortUrls", "statistics", Get, "/short-url/statistics/{source}/{source_id}", Input::None).path_params(&[Token, IdOrToken]).plain_answer(), // openapi-v3.yaml: get-statistics
    op("shortUrls", "tracking", Get, "/short-url/tracking/{long_url_id}", Input::None).path_params(&[IdOrToken]).plain_answer(),                   // openapi-v3.yaml: get-tracking
    op("sms", "exportHistory", Get, "/sms/history/export", Query),
    op("sms", "createTestInbound", Post, "/sms/inbound", Body(Object)),
    op("sms", "markInboundRead", Put, "/sms/inbound-read", Body(OptionalObject)),
    op("sms", "markInboundMessageRead", Put, "/sms/inbound-read/{message_id}", Input::None).path_params(&[Token]),
    op("sms", "getInbound", Get, "/sms/inbound/{original_message_id}", Input::None).path_params(&[Token]),
    op("sms", "createTestReceipt", Post, "/sms/receipts", Body(Object)),
    op("sms", "markReceiptsRead", Put, "/sms/receipts-read", Body(OptionalObject)),
    op("sms", "getReceipt", Get, "/sms/receipts/{message_id}", Input::None).path_params(&[Token]),
    op("smsCampaigns", "list", Get, "/sms-campaigns", PagedQuery),
    op("smsCampaigns", "price", Post, "/sms-campaigns/price", Body(Object)).repeatable(), // a quote: nothing is sent or charged
    op("smsCampaigns", "send", Post, "/sms-campaigns/send", Body(Object)),
    op("smsCampaigns", "get", Get, "/sms-campaigns/{sms_campaign_id}", Input::None),
    op("smsCampaigns", "update", Put, "/sms-campaigns/{sms_campaign_id}", Body(Object)),
    op("smsCampaigns", "cancel", Put, "/sms-campaigns/{sms_campaign_id}/cancel", Input::None),
    op("smsInboundRules", "list", Get, "/automations/sms/inbound", PagedQuery),
    op("smsInboundRules", "create", Post, "/automations/sms/inbound", Body(Object)),
    op("smsInboundRules", "delete", Delete, "/automations/sms/inbound/{inbound_rule_id}", Input::None),
    op("smsInboundRules", "get", Get, "/automations/sms/inbound/{inbound_rule_id}", Input::None),
    op("smsInboundRules", "update", Put, "/automations/sms/inbound/{inbound_rule_id}", Body(Object)),
    op("smsReceiptRules", "list", Get, "/automations/sms/receipts", PagedQuery),
    op("smsReceiptRules", "create", Post, "/automations/sms/receipts", Body(Object)),
    op("smsReceiptRules", "delete", Delete, "/automations/sms/receipts/{receipt_rule_id}", Input::None),
    op("smsReceiptRules", "get", Get, "/automations/sms/receipts/{receipt_rule_id}", Input::None),
    op("smsReceiptRules", "update", Put, "/automations/sms/receipts/{receipt_rule_id}", Body(Object)),
    op("smsTemplates", "get", Get, "/sms/templates/{template_id}", Input::None),
    op("statistics", "sms", Get, "/statistics/sms", Input::None),
    op("statistics", "voice", Get, "/statistics/voice", Input::None),
    op("subaccounts", "list", Get, "/subaccounts", PagedQuery),
    op("subaccounts", "create", Post, "/subaccounts", Body(Object)),
    op("subaccounts", "delete", Delete, "/subaccounts/{subaccount_id}", Input::None),
    op("subaccounts", "get", Get, "/subaccounts/{subaccount_id}", Input::None),
    op("subaccounts", "update", Put, "/subaccounts/{subaccount_id}", Body(Object)),
    op("subaccounts", "regenerateApiKey", Put, "/subaccounts/{subaccount_id}/regen-api-key", Body(OptionalObject)).not_repeatable(), // each call makes a new key
    op("timezones", "list", Get, "/timezones", PagedQuery),
    op("uploads", "create", Post, "/uploads", BodyAndQuery(Upload)),
    op("voice", "cancelAll", Put, "/voice/cancel-all", Body(OptionalObject)),
    op("voice", "exportHistory", Get, "/voice/history/export", Query),
    op("voice", "receipts", Get, "/voice/receipts", PagedQuery),
    op("voice", "createTestReceipt", Post, "/voice/receipts", Body(Object)),
    op("voice", "markReceiptsRead", Put, "/voice/receipts-read", Body(OptionalObject)),
    op("voiceReceiptRules", "list", Get, "/automations/voice/receipts", PagedQuery),
    op("voiceReceiptRules", "create", Post, "/automations/voice/receipts", Body(Object)),
    op("voiceReceiptRules", "delete", Delete, "/automations/voice/receipts/{receipt_rule_id}", Input::None),
    op("voiceReceiptRules", "get", Get, "/automations/voice/receipts/{receipt_rule_id}", Input::None),
    op("voiceReceiptRules", "update", Put, "/automations/voice/receipts/{receipt_rule_id}", Body(Object)),
];

/// Finds an endpoint by its area and name.
pub fn find(area: &str, name: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.area == area && e.name == name)
}

/// The endpoint table as JSON text: `[{area, name, method, path, input, paged, repeatSafe,
/// enveloped, bulk, reconcile, messages, params}]`,
/// in the order the client numbers them; `input` is `none`, `query`, `body`, `optionalBody`,
/// `bodyAndQuery` or `optionalBodyAndQuery` (what follows the path parameters); `paged`: the answer is a page, and
/// the function has `.all`; `repeatSafe`: retried on 5xx and network errors too
/// ([`Endpoint::repeat_safe`]). Built with `push_str` alone: made with `format!`, it was most of a
/// client's first construction in Node (bench/NOTES.md, section "Cold start in Node").
pub fn table_json() -> String {
    let mut out = String::with_capacity(ENDPOINTS.len() * 150);
    for (i, e) in ENDPOINTS.iter().enumerate() {
        let input = match e.input {
            Input::None => "none",
            Input::Query | Input::PagedQuery => "query",
            Input::Body(BodyRule::OptionalObject) => "optionalBody",
            Input::Body(_) => "body",
            Input::BodyAndQuery(BodyRule::OptionalObject) => "optionalBodyAndQuery",
            Input::BodyAndQuery(_) => "bodyAndQuery",
        };
        let flag = |b: bool| if b { "true" } else { "false" };
        // Areas, names and paths are ASCII identifiers and path characters: nothing to escape.
        for piece in [
            if i == 0 { "[{\"area\":\"" } else { ",{\"area\":\"" },
            e.area,
            "\",\"name\":\"",
            e.name,
            "\",\"method\":\"",
            e.method.as_str(),
            "\",\"path\":\"",
            e.path,
            "\",\"input\":\"",
            input,
            "\",\"paged\":",
            flag(e.input == Input::PagedQuery),
            ",\"repeatSafe\":",
            flag(e.repeat_safe),
            ",\"enveloped\":",
            flag(e.enveloped),
            ",\"bulk\":",
            flag(e.bulk),
            ",\"reconcile\":",
            flag(e.reconcile),
            ",\"messages\":",
            match e.message_kind() {
                Some(MessageKind::Sms) => "\"sms\"",
                Some(MessageKind::Mms) => "\"mms\"",
                Some(MessageKind::Voice) => "\"voice\"",
                None => "null",
            },
            ",\"params\":[",
        ] {
            out.push_str(piece);
        }
        for (k, _) in e.params().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(match e.param_kind(k) {
                ParamKind::Id => "\"id\"",
                ParamKind::Token => "\"token\"",
                ParamKind::IdOrToken => "\"idOrToken\"",
            });
        }
        out.push_str("]}");
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_routes_are_unique() {
        let mut names = HashSet::new();
        let mut routes = HashSet::new();
        for e in ENDPOINTS {
            assert!(names.insert((e.area, e.name)), "duplicate name {}", e.qualified_name());
            assert!(routes.insert((e.method, e.path)), "duplicate route {} {}", e.method.as_str(), e.path);
        }
    }

    #[test]
    fn paths_are_well_formed() {
        for e in ENDPOINTS {
            assert!(e.path.starts_with('/') && !e.path.ends_with('/'), "{}", e.path);
            // table_json writes paths without escaping.
            assert!(e.path.bytes().all(|b| b.is_ascii_alphanumeric() || b"/{}_-".contains(&b)), "{}", e.path);
            for p in e.params() {
                assert!(!p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", e.path);
            }
        }
    }

    #[test]
    fn every_operation() {
        assert_eq!(ENDPOINTS.iter().filter(|e| e.host == Host::ClickSend).count(), 209);
        assert_eq!(ENDPOINTS.iter().filter(|e| e.host == Host::MatonControl).count(), 4);
    }

    #[test]
    fn paginated_functions() {
        let paged: Vec<String> = ENDPOINTS.iter().filter(|e| e.input == PagedQuery).map(Endpoint::qualified_name).collect();
        assert_eq!(paged.len(), 42);
        for name in ["sms.history", "sms.inbound", "sms.receipts", "lists.list", "contacts.list", "smsTemplates.list", "mms.history", "voice.history", "emailAddresses.list"] {
            assert!(paged.contains(&name.to_string()), "{name}");
        }
        assert!(ENDPOINTS.iter().filter(|e| e.input == PagedQuery).all(|e| e.method == Method::Get));
    }

    #[test]
    fn names_are_camel_case() {
        for e in ENDPOINTS {
            for n in [e.area, e.name] {
                assert!(n.starts_with(|c: char| c.is_ascii_lowercase()) && n.bytes().all(|b| b.is_ascii_alphanumeric()), "{n}");
            }
        }
    }

    fn safe(area: &str, name: &str) -> bool {
        find(area, name).unwrap_or_else(|| panic!("{area}.{name}")).repeat_safe
    }

    #[test]
    fn which_operations_are_safe_to_repeat() {
        for (area, name) in [
            ("sms", "history"),
            ("sms", "price"),
            ("mms", "price"),
            ("voice", "price"),
            ("fax", "price"),
            ("lists", "delete"),
            ("lists", "update"),
            ("sms", "cancel"),
            ("sms", "markReceiptsRead"),
            ("ownNumbers", "update"),
            ("postLetters", "detectAddress"),
            ("smsCampaigns", "price"),
            ("connections", "get"),
        ] {
            assert!(safe(area, name), "{area}.{name} should be safe");
        }
        for (area, name) in [
            ("sms", "send"),
            ("mms", "send"),
            ("voice", "send"),
            ("fax", "send"),
            ("smsCampaigns", "send"),
            ("lists", "create"),
            ("contacts", "create"),
            ("recharge", "purchase"),
            ("reseller", "transferCredit"),
            ("numbers", "buy"),
            ("account", "forgotPassword"),
            ("subaccounts", "regenerateApiKey"),
            ("uploads", "create"),
            ("connections", "create"),
        ] {
            assert!(!safe(area, name), "{area}.{name} must not be repeated");
        }
        let unsafe_puts = ENDPOINTS.iter().filter(|e| e.method == Method::Put && !e.repeat_safe).count();
        assert_eq!(unsafe_puts, 9, "the PUTs that buy, send or make something new");
    }

    /// Words in a name or path that say an operation spends, buys, sends or creates.
    const SPENDING: &[&str] = &["send", "buy", "purchase", "recharge", "transfer", "credit", "create", "copy", "regen", "import", "register", "charge", "pay"];

    /// The words of an operation's area, name and path, lower case: `sendVerification` and
    /// `/account-verify/send` give `send`, `verification`, `account`, `verify`, `send`.
    fn words(e: &Endpoint) -> Vec<String> {
        let mut out = Vec::new();
        for part in format!("{} {} {}", e.area, e.name, e.path).split(|c: char| !c.is_ascii_alphanumeric()) {
            let mut word = String::new();
            for c in part.chars() {
                if c.is_ascii_uppercase() && !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                word.push(c.to_ascii_lowercase());
            }
            out.push(word);
        }
        out
    }

    /// The row of the table that declares `area.name`, as written in this file.
    fn row_source(e: &Endpoint) -> &'static str {
        let needle = format!("(\"{}\", \"{}\",", e.area, e.name);
        let source = include_str!("endpoints.rs");
        let at = source.find(&needle).unwrap_or_else(|| panic!("no row for {}", e.qualified_name()));
        let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
        // The row's own line, and the comment lines just above it.
        let above = source[..line_start].lines().rev().take_while(|l| l.trim_start().starts_with("//")).count();
        let first = source[..line_start].lines().rev().take(above).map(str::len).sum::<usize>() + above;
        &source[line_start - first..line_end]
    }

    #[test]
    fn spending_operations_are_repeat_safe_only_with_a_reason_on_their_row() {
        for e in ENDPOINTS.iter().filter(|e| e.repeat_safe && e.method != Method::Get) {
            let Some(word) = words(e).into_iter().find(|w| SPENDING.contains(&w.as_str())) else { continue };
            let row = row_source(e);
            let reason = row.split("//").nth(1).map(str::trim).unwrap_or("");
            assert!(
                row.contains(".repeatable()") && reason.split_whitespace().count() >= 3,
                "{} {} {} suggests spending ({word:?}) yet is safe to repeat: mark it `.repeatable()` with a comment on its row saying why, or `.not_repeatable()`",
                e.method.as_str(),
                e.path,
                e.qualified_name()
            );
        }
    }

    #[test]
    fn a_row_gives_a_kind_to_each_path_parameter_at_most() {
        for e in ENDPOINTS {
            assert!(e.param_kinds.len() <= e.params().count(), "{}: more kinds than parameters", e.qualified_name());
        }
        let e = find("shortUrls", "statistics").unwrap();
        assert_eq!((e.param_kind(0), e.param_kind(1)), (ParamKind::Token, ParamKind::IdOrToken));
        assert_eq!(find("lists", "get").unwrap().param_kind(0), ParamKind::Id);
    }

    #[test]
    fn params_in_order() {
        let e = op("x", "y", Put, "/lists/{from_list_id}/contacts/{contact_id}/copy/{to_list_id}", Input::None);
        assert_eq!(e.params().collect::<Vec<_>>(), ["from_list_id", "contact_id", "to_list_id"]);
    }
}
