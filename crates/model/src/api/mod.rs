//! ClickSend's operations: one row per operation of the client's endpoint table (by its
//! qualified name; the method and path come from that table), each with its handler. A path
//! that matches an operation under another method answers 405, any other path 404, both
//! with ClickSend's error envelope. Every 200 answer is given the documented shape
//! ([`crate::template::conform`]).

mod account;
mod billing;
mod campaigns;
mod catalog;
mod contacts;
mod email;
mod messages;
pub use messages::{add_inbound, pushed_inbound};
mod numbers;
mod post;
pub mod records;
mod resources;
mod rules;
mod sending;

use crate::envelope::{self, error, PageLinks, Reply};
use crate::state::State;
use crate::template;
use clicksend_core::messages::MessageKind::{Mms, Sms, Voice};
use clicksend_core::{Endpoint, Host, ENDPOINTS};
use serde_json::Value;
use std::collections::HashMap;

/// One API request, with its path relative to `/v3`.
pub struct ApiRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: HashMap<String, String>,
    pub raw_query: &'a str,
    pub body: Option<Value>,
    /// Where the API was reached: `http://127.0.0.1:8787/v3`, or `.../clicksend/v3`.
    pub base: String,
    /// Whether it carried the account's credentials.
    pub authorized: bool,
}

impl ApiRequest<'_> {
    pub fn query_num(&self, key: &str) -> Option<i64> {
        self.query.get(key).and_then(|v| v.parse().ok())
    }

    /// ClickSend's pagination of `items` by the `page` and `limit` query parameters, with
    /// absolute links to this collection.
    pub fn page(&self, items: Vec<Value>) -> Value {
        self.page_of(items, |v| v)
    }

    /// The same, for records that become JSON only if they are on the page asked for (a
    /// history of 100,000 messages is not rendered to answer one page of it).
    pub fn page_of<T>(&self, items: Vec<T>, render: impl FnMut(T) -> Value) -> Value {
        let n = |k| self.query_num(k).and_then(|v| usize::try_from(v).ok());
        let others: Vec<&str> = self.raw_query.split('&').filter(|p| !p.is_empty() && !p.starts_with("page=")).collect();
        let query = others.join("&");
        let links = PageLinks { path: format!("{}{}", self.base, self.path.trim_end_matches('/')), query: &query };
        envelope::page(items, n("page"), n("limit"), &links, render)
    }

    pub fn body_str(&self, key: &str) -> Option<&str> {
        self.body.as_ref()?.get(key)?.as_str()
    }
}

/// A handler gets the state, the request and the path parameters, in order.
type Handler = fn(&mut State, &ApiRequest, &[&str]) -> Reply;

/// Operations ClickSend answers without credentials (`security: []` in its description).
const PUBLIC: &[&str] = &["countries.list", "account.forgotUsername"];

#[rustfmt::skip]
pub static ROUTES: &[(&str, Handler)] = &[
    ("account.get", |s, _, _| account::get(s)),
    ("account.create", |s, r, _| account::create(s, r)),
    ("account.sendVerification", |s, r, _| account::send_verification(s, r)),
    ("account.verify", |s, _, p| account::verify(s, p[0])),
    ("account.usageBySubaccount", |s, _, p| account::usage(s, p[0], p[1])),
    ("account.forgotPassword", |s, r, _| account::forgot_password(s, r)),
    ("account.verifyForgotPassword", |s, r, _| account::verify_forgot_password(s, r)),
    ("account.forgotUsername", |s, r, _| account::forgot_username(s, r)),
    ("sms.send", |s, r, _| messages::send(s, r, Sms, true)),
    ("sms.price", |s, r, _| messages::send(s, r, Sms, false)),
    ("sms.history", |s, r, _| messages::history(s, r, Sms)),
    ("sms.exportHistory", |s, r, _| messages::export(s, r, "sms")),
    ("sms.inbound", |s, r, _| messages::inbound(s, r)),
    ("sms.getInbound", |s, _, p| messages::get_inbound(s, p[0])),
    ("sms.createTestInbound", |s, r, _| messages::inject_inbound(s, r)),
    ("sms.markInboundRead", |s, r, _| messages::mark_inbound_read(s, r, None)),
    ("sms.markInboundMessageRead", |s, r, p| messages::mark_inbound_read(s, r, Some(p[0]))),
    ("sms.receipts", |s, r, _| messages::receipts(s, r, Sms)),
    ("sms.getReceipt", |s, _, p| messages::get_receipt(s, Sms, p[0])),
    ("sms.createTestReceipt", |s, r, _| messages::test_receipt(s, r, Sms)),
    ("sms.markReceiptsRead", |s, r, _| messages::mark_receipts_read(s, r, Sms)),
    ("sms.cancel", |s, _, p| messages::cancel(s, Sms, p[0])),
    ("sms.cancelAll", |s, _, _| messages::cancel_all(s, Sms)),
    ("smsTemplates.list", |s, r, _| records::list(s, r, &resources::SMS_TEMPLATES)),
    ("smsTemplates.get", |s, _, p| records::get(s, &resources::SMS_TEMPLATES, p[0])),
    ("smsTemplates.create", |s, r, _| records::create(s, r, &resources::SMS_TEMPLATES, Value::Null)),
    ("smsTemplates.update", |s, r, p| records::update(s, r, &resources::SMS_TEMPLATES, p[0], &[])),
    ("smsTemplates.delete", |s, _, p| records::delete(s, &resources::SMS_TEMPLATES, p[0])),
    ("mms.send", |s, r, _| messages::send(s, r, Mms, true)),
    ("mms.price", |s, r, _| messages::send(s, r, Mms, false)),
    ("mms.history", |s, r, _| messages::history(s, r, Mms)),
    ("mms.exportHistory", |s, r, _| messages::export(s, r, "mms")),
    ("mms.receipts", |s, r, _| messages::receipts(s, r, Mms)),
    ("mms.markReceiptsRead", |s, r, _| messages::mark_receipts_read(s, r, Mms)),
    ("voice.send", |s, r, _| messages::send(s, r, Voice, true)),
    ("voice.price", |s, r, _| messages::send(s, r, Voice, false)),
    ("voice.history", |s, r, _| messages::history(s, r, Voice)),
    ("voice.exportHistory", |s, r, _| messages::export(s, r, "voice")),
    ("voice.receipts", |s, r, _| messages::receipts(s, r, Voice)),
    ("voice.createTestReceipt", |s, r, _| messages::test_receipt(s, r, Voice)),
    ("voice.markReceiptsRead", |s, r, _| messages::mark_receipts_read(s, r, Voice)),
    ("voice.languages", |_, _, _| catalog::voice_languages()),
    ("voice.cancel", |s, _, p| messages::cancel(s, Voice, p[0])),
    ("voice.cancelAll", |s, _, _| messages::cancel_all(s, Voice)),
    ("lists.list", |s, r, _| contacts::lists(s, r)),
    ("lists.get", |s, _, p| contacts::get_list(s, p[0])),
    ("lists.create", |s, r, _| contacts::save_list(s, r, None)),
    ("lists.update", |s, r, p| contacts::save_list(s, r, Some(p[0]))),
    ("lists.delete", |s, _, p| contacts::delete_list(s, p[0])),
    ("lists.removeDuplicates", |s, r, p| contacts::remove_duplicates(s, r, p[0])),
    ("lists.import", |s, r, p| contacts::import(s, r, p[0])),
    ("lists.removeOptedOut", |s, _, p| contacts::remove_opted_out(s, p[0], p[1])),
    ("lists.search", |s, r, _| contacts::search(s, r)),
    ("contacts.list", |s, r, p| contacts::contacts(s, r, p[0])),
    ("contacts.get", |s, _, p| contacts::get_contact(s, p[0], p[1])),
    ("contacts.create", |s, r, p| contacts::save_contact(s, r, p[0], None)),
    ("contacts.update", |s, r, p| contacts::save_contact(s, r, p[0], Some(p[1]))),
    ("contacts.delete", |s, _, p| contacts::delete_contact(s, p[0], p[1])),
    ("contacts.copy", |s, _, p| contacts::copy_contact(s, p[0], p[1], p[2], false)),
    ("contacts.transfer", |s, _, p| contacts::copy_contact(s, p[0], p[1], p[2], true)),
    ("emailAddresses.list", |s, r, _| records::list(s, r, &resources::EMAIL_ADDRESSES)),
    ("emailAddresses.get", |s, _, p| records::get(s, &resources::EMAIL_ADDRESSES, p[0])),
    ("emailAddresses.create", |s, r, _| email::add_address(s, r)),
    ("emailAddresses.delete", |s, _, p| records::delete(s, &resources::EMAIL_ADDRESSES, p[0])),
    ("emailAddresses.sendVerification", |s, _, p| email::send_address_verification(s, p[0])),
    ("emailAddresses.verify", |s, _, p| email::verify_address(s, p[0], p[1])),
    ("email.send", |s, r, _| email::send(s, r, true)),
    ("email.price", |s, r, _| email::send(s, r, false)),
    ("email.history", |s, r, _| email::history(s, r)),
    ("email.exportHistory", |s, r, _| messages::export(s, r, "email")),
    ("emailTemplates.list", |s, r, _| records::list(s, r, &resources::EMAIL_TEMPLATES)),
    ("emailTemplates.get", |s, _, p| records::get(s, &resources::EMAIL_TEMPLATES, p[0])),
    ("emailTemplates.create", |s, r, _| email::create_template(s, r)),
    ("emailTemplates.update", |s, r, p| records::update(s, r, &resources::EMAIL_TEMPLATES, p[0], &["body"])),
    ("emailTemplates.delete", |s, _, p| records::delete(s, &resources::EMAIL_TEMPLATES, p[0])),
    ("emailMasterTemplates.list", |_, _, _| catalog::master_templates(None)),
    ("emailMasterTemplates.get", |_, _, p| catalog::master_template(p[0])),
    ("emailMasterTemplates.listCategories", |_, _, _| catalog::master_categories()),
    ("emailMasterTemplates.getCategory", |_, _, p| catalog::master_category(p[0])),
    ("emailMasterTemplates.listInCategory", |_, _, p| catalog::master_templates(Some(p[0]))),
    ("emailCampaigns.list", |s, r, _| records::list(s, r, &resources::EMAIL_CAMPAIGNS)),
    ("emailCampaigns.get", |s, _, p| records::get(s, &resources::EMAIL_CAMPAIGNS, p[0])),
    ("emailCampaigns.send", |s, r, _| campaigns::send_email(s, r, true)),
    ("emailCampaigns.price", |s, r, _| campaigns::send_email(s, r, false)),
    ("emailCampaigns.update", |s, r, p| records::update(s, r, &resources::EMAIL_CAMPAIGNS, p[0], &[])),
    ("emailCampaigns.cancel", |s, _, p| campaigns::cancel(s, &resources::EMAIL_CAMPAIGNS, p[0])),
    ("emailCampaigns.history", |s, r, p| campaigns::email_history(s, r, p[0])),
    ("emailCampaigns.exportHistory", |s, r, p| campaigns::email_export(s, r, p[0])),
    ("smsCampaigns.list", |s, r, _| records::list(s, r, &resources::SMS_CAMPAIGNS)),
    ("smsCampaigns.get", |s, _, p| records::get(s, &resources::SMS_CAMPAIGNS, p[0])),
    ("smsCampaigns.send", |s, r, _| campaigns::send(s, r, &resources::SMS_CAMPAIGNS, true)),
    ("smsCampaigns.price", |s, r, _| campaigns::send(s, r, &resources::SMS_CAMPAIGNS, false)),
    ("smsCampaigns.update", |s, r, p| records::update(s, r, &resources::SMS_CAMPAIGNS, p[0], &[])),
    ("smsCampaigns.cancel", |s, _, p| campaigns::cancel(s, &resources::SMS_CAMPAIGNS, p[0])),
    ("mmsCampaigns.list", |s, r, _| records::list(s, r, &resources::MMS_CAMPAIGNS)),
    ("mmsCampaigns.get", |s, _, p| records::get(s, &resources::MMS_CAMPAIGNS, p[0])),
    ("mmsCampaigns.send", |s, r, _| campaigns::send(s, r, &resources::MMS_CAMPAIGNS, true)),
    ("mmsCampaigns.price", |s, r, _| campaigns::send(s, r, &resources::MMS_CAMPAIGNS, false)),
    ("mmsCampaigns.update", |s, r, p| records::update(s, r, &resources::MMS_CAMPAIGNS, p[0], &[])),
    ("mmsCampaigns.cancel", |s, _, p| campaigns::cancel(s, &resources::MMS_CAMPAIGNS, p[0])),
    ("emailToSms.listAllowedAddresses", |s, r, _| records::list(s, r, &resources::EMAIL_TO_SMS_ADDRESSES)),
    ("emailToSms.createAllowedAddress", |s, r, _| records::create(s, r, &resources::EMAIL_TO_SMS_ADDRESSES, Value::Null)),
    ("emailToSms.listStrippedStrings", |s, r, _| records::list(s, r, &resources::STRIPPED_STRINGS)),
    ("emailToSms.getStrippedString", |s, _, p| records::get(s, &resources::STRIPPED_STRINGS, p[0])),
    ("emailToSms.createStrippedString", |s, r, _| records::create(s, r, &resources::STRIPPED_STRINGS, Value::Null)),
    ("emailToSms.updateStrippedString", |s, r, p| records::update(s, r, &resources::STRIPPED_STRINGS, p[0], &["strip_string"])),
    ("emailToSms.deleteStrippedString", |s, _, p| records::delete(s, &resources::STRIPPED_STRINGS, p[0])),
    ("fax.send", |s, r, _| post::send_fax(s, r, true)),
    ("fax.price", |s, r, _| post::send_fax(s, r, false)),
    ("fax.history", |s, r, _| post::history(s, r, &resources::FAXES)),
    ("fax.receipts", |s, r, _| post::history(s, r, &resources::FAXES)),
    ("fax.getReceipt", |s, _, p| records::get(s, &resources::FAXES, p[0])),
    ("fax.createTestReceipt", |s, r, _| post::test_fax_receipt(s, r)),
    ("fax.markReceiptsRead", |s, r, _| messages::mark_read(s, r, "fax")),
    ("postLetters.send", |s, r, _| post::send_post(s, r, &resources::LETTERS, true)),
    ("postLetters.price", |s, r, _| post::send_post(s, r, &resources::LETTERS, false)),
    ("postLetters.history", |s, r, _| post::history(s, r, &resources::LETTERS)),
    ("postLetters.exportHistory", |s, r, _| messages::export(s, r, "post/letters")),
    ("postLetters.detectAddress", |_, r, _| post::detect_address(r)),
    ("postcards.send", |s, r, _| post::send_post(s, r, &resources::POSTCARDS, true)),
    ("postcards.price", |s, r, _| post::send_post(s, r, &resources::POSTCARDS, false)),
    ("postcards.history", |s, r, _| post::history(s, r, &resources::POSTCARDS)),
    ("postcards.exportHistory", |s, r, _| messages::export(s, r, "post/postcards")),
    ("returnAddresses.list", |s, r, _| records::list(s, r, &resources::RETURN_ADDRESSES)),
    ("returnAddresses.get", |s, _, p| records::get(s, &resources::RETURN_ADDRESSES, p[0])),
    ("returnAddresses.create", |s, r, _| records::create(s, r, &resources::RETURN_ADDRESSES, Value::Null)),
    ("returnAddresses.update", |s, r, p| records::update(s, r, &resources::RETURN_ADDRESSES, p[0], &[])),
    ("returnAddresses.delete", |s, _, p| records::delete(s, &resources::RETURN_ADDRESSES, p[0])),
    ("smsInboundRules.list", |s, r, _| records::list(s, r, &resources::SMS_INBOUND_RULES)),
    ("smsInboundRules.get", |s, _, p| records::get(s, &resources::SMS_INBOUND_RULES, p[0])),
    ("smsInboundRules.create", |s, r, _| rules::create(s, r, &resources::SMS_INBOUND_RULES)),
    ("smsInboundRules.update", |s, r, p| records::update(s, r, &resources::SMS_INBOUND_RULES, p[0], &[])),
    ("smsInboundRules.delete", |s, _, p| records::delete(s, &resources::SMS_INBOUND_RULES, p[0])),
    ("smsReceiptRules.list", |s, r, _| records::list(s, r, &resources::SMS_RECEIPT_RULES)),
    ("smsReceiptRules.get", |s, _, p| records::get(s, &resources::SMS_RECEIPT_RULES, p[0])),
    ("smsReceiptRules.create", |s, r, _| rules::create(s, r, &resources::SMS_RECEIPT_RULES)),
    ("smsReceiptRules.update", |s, r, p| records::update(s, r, &resources::SMS_RECEIPT_RULES, p[0], &[])),
    ("smsReceiptRules.delete", |s, _, p| records::delete(s, &resources::SMS_RECEIPT_RULES, p[0])),
    ("voiceReceiptRules.list", |s, r, _| records::list(s, r, &resources::VOICE_RECEIPT_RULES)),
    ("voiceReceiptRules.get", |s, _, p| records::get(s, &resources::VOICE_RECEIPT_RULES, p[0])),
    ("voiceReceiptRules.create", |s, r, _| rules::create(s, r, &resources::VOICE_RECEIPT_RULES)),
    ("voiceReceiptRules.update", |s, r, p| records::update(s, r, &resources::VOICE_RECEIPT_RULES, p[0], &[])),
    ("voiceReceiptRules.delete", |s, _, p| records::delete(s, &resources::VOICE_RECEIPT_RULES, p[0])),
    ("emailReceiptRules.list", |s, r, _| records::list(s, r, &resources::EMAIL_RECEIPT_RULES)),
    ("emailReceiptRules.get", |s, _, p| records::get(s, &resources::EMAIL_RECEIPT_RULES, p[0])),
    ("emailReceiptRules.create", |s, r, _| rules::create(s, r, &resources::EMAIL_RECEIPT_RULES)),
    ("emailReceiptRules.update", |s, r, p| records::update(s, r, &resources::EMAIL_RECEIPT_RULES, p[0], &[])),
    ("emailReceiptRules.delete", |s, _, p| records::delete(s, &resources::EMAIL_RECEIPT_RULES, p[0])),
    ("faxInboundRules.list", |s, r, _| records::list(s, r, &resources::FAX_INBOUND_RULES)),
    ("faxInboundRules.get", |s, _, p| records::get(s, &resources::FAX_INBOUND_RULES, p[0])),
    ("faxInboundRules.create", |s, r, _| rules::create(s, r, &resources::FAX_INBOUND_RULES)),
    ("faxInboundRules.update", |s, r, p| records::update(s, r, &resources::FAX_INBOUND_RULES, p[0], &[])),
    ("faxInboundRules.delete", |s, _, p| records::delete(s, &resources::FAX_INBOUND_RULES, p[0])),
    ("faxReceiptRules.list", |s, r, _| records::list(s, r, &resources::FAX_RECEIPT_RULES)),
    ("faxReceiptRules.get", |s, _, p| records::get(s, &resources::FAX_RECEIPT_RULES, p[0])),
    ("faxReceiptRules.create", |s, r, _| rules::create(s, r, &resources::FAX_RECEIPT_RULES)),
    ("faxReceiptRules.update", |s, r, p| records::update(s, r, &resources::FAX_RECEIPT_RULES, p[0], &[])),
    ("faxReceiptRules.delete", |s, _, p| records::delete(s, &resources::FAX_RECEIPT_RULES, p[0])),
    ("subaccounts.list", |s, r, _| records::list(s, r, &resources::SUBACCOUNTS)),
    ("subaccounts.get", |s, _, p| records::get(s, &resources::SUBACCOUNTS, p[0])),
    ("subaccounts.create", |s, r, _| account::create_subaccount(s, r)),
    ("subaccounts.update", |s, r, p| records::update(s, r, &resources::SUBACCOUNTS, p[0], &[])),
    ("subaccounts.delete", |s, _, p| records::delete(s, &resources::SUBACCOUNTS, p[0])),
    ("subaccounts.regenerateApiKey", |s, _, p| account::regenerate_key(s, p[0])),
    ("reseller.listAccounts", |s, r, _| records::list(s, r, &resources::RESELLER_ACCOUNTS)),
    ("reseller.getAccount", |s, _, p| records::get(s, &resources::RESELLER_ACCOUNTS, p[0])),
    ("reseller.createAccount", |s, r, _| billing::create_reseller_account(s, r)),
    ("reseller.updateAccount", |s, r, p| records::update(s, r, &resources::RESELLER_ACCOUNTS, p[0], &[])),
    ("reseller.transferCredit", |s, r, _| billing::transfer_credit(s, r)),
    ("referral.accounts", |s, r, _| records::list(s, r, &resources::REFERRALS)),
    ("recharge.getCreditCard", |s, _, _| billing::credit_card(s)),
    ("recharge.updateCreditCard", |s, r, _| billing::update_credit_card(s, r)),
    ("recharge.packages", |s, r, _| billing::packages(s, r)),
    ("recharge.purchase", |s, _, p| billing::purchase(s, p[0])),
    ("recharge.transactions", |s, r, _| records::list(s, r, &resources::TRANSACTIONS)),
    ("recharge.getTransaction", |s, _, p| records::get(s, &resources::TRANSACTIONS, p[0])),
    ("numbers.list", |s, r, _| records::list(s, r, &resources::DEDICATED_NUMBERS)),
    ("numbers.search", |s, r, p| numbers::search(s, r, p[0])),
    ("numbers.buy", |s, r, p| numbers::buy(s, r, p[0])),
    ("numbers.register", |s, r, p| numbers::register(s, r, p[0], p[1])),
    ("ownNumbers.list", |s, r, _| records::list(s, r, &resources::OWN_NUMBERS)),
    ("ownNumbers.get", |s, _, p| records::get(s, &resources::OWN_NUMBERS, p[0])),
    ("ownNumbers.update", |s, r, p| numbers::update_own_number(s, r, p[0])),
    ("ownNumbers.delete", |s, _, p| records::delete(s, &resources::OWN_NUMBERS, p[0])),
    ("ownNumbers.requestVerification", |s, r, _| numbers::request_verification(s, r)),
    ("ownNumbers.verify", |s, r, p| numbers::verify(s, r, p[0])),
    ("alphaTags.list", |s, r, _| records::list(s, r, &resources::ALPHA_TAGS)),
    ("alphaTags.get", |s, _, p| records::get(s, &resources::ALPHA_TAGS, p[0])),
    ("alphaTags.create", |s, r, _| numbers::create_alpha_tag(s, r)),
    ("alphaTags.delete", |s, _, p| records::delete(s, &resources::ALPHA_TAGS, p[0])),
    ("defaultSenders.list", |s, r, _| records::list(s, r, &resources::DEFAULT_SENDERS)),
    ("defaultSenders.get", |s, _, p| records::get(s, &resources::DEFAULT_SENDERS, p[0])),
    ("defaultSenders.create", |s, r, _| numbers::create_default_sender(s, r)),
    ("defaultSenders.update", |s, r, p| records::update(s, r, &resources::DEFAULT_SENDERS, p[0], &["default_sender_strategies"])),
    ("defaultSenders.delete", |s, _, p| records::delete(s, &resources::DEFAULT_SENDERS, p[0])),
    ("senders.compliantTypes", |_, r, _| catalog::compliant_sender_types(r)),
    ("deliveryIssues.list", |s, r, _| records::list(s, r, &resources::DELIVERY_ISSUES)),
    ("deliveryIssues.create", |s, r, _| account::report_delivery_issue(s, r)),
    ("globalSending.list", |s, _, _| account::user_countries(s)),
    ("globalSending.select", |s, r, _| account::select_countries(s, r)),
    ("globalSending.agree", |s, _, _| account::agree_countries(s)),
    ("statistics.sms", |s, _, _| messages::statistics(s, Sms)),
    ("statistics.voice", |s, _, _| messages::statistics(s, Voice)),
    ("shortUrls.statistics", |s, _, p| messages::short_url_statistics(s, p[0], p[1])),
    ("shortUrls.tracking", |s, r, p| messages::short_url_tracking(s, r, p[0])),
    ("uploads.create", |s, r, _| post::upload(s, r)),
    ("countries.list", |_, _, _| catalog::countries()),
    ("countries.listAll", |_, _, _| catalog::country_list()),
    ("timezones.list", |_, _, _| catalog::timezones()),
];

/// The path parameters of `path` if it matches the endpoint's path (`{...}` matches any
/// non-empty segment). Without allocating until it matches: every request tries every row.
fn matches<'p>(pattern: &str, path: &[&'p str]) -> Option<Vec<&'p str>> {
    let pattern = pattern.trim_matches('/');
    if pattern.split('/').count() != path.len() {
        return None;
    }
    let fits = pattern.split('/').zip(path).all(|(want, got)| if want.starts_with('{') { !got.is_empty() } else { want == *got });
    fits.then(|| pattern.split('/').zip(path).filter(|(want, _)| want.starts_with('{')).map(|(_, got)| *got).collect())
}

/// The key of an operation's documented answer in [`template`]: `"GET /lists/{}"`.
pub fn template_key(e: &Endpoint) -> String {
    let path: Vec<&str> = e.path.split('/').map(|seg| if seg.starts_with('{') { "{}" } else { seg }).collect();
    format!("{} {}", e.method.as_str(), path.join("/"))
}

pub fn handle(state: &mut State, req: &ApiRequest) -> Reply {
    // ClickSend's own description lists some paths with a trailing slash; accept both.
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let mut path_known = false;
    for e in ENDPOINTS.iter().filter(|e| e.host == Host::ClickSend) {
        let Some(params) = matches(e.path, &segments) else { continue };
        if e.method.as_str() != req.method {
            path_known = true;
            continue;
        }
        let name = e.qualified_name();
        if !req.authorized && !PUBLIC.contains(&name.as_str()) {
            return error(401, "Invalid credentials.");
        }
        let Some((_, handler)) = ROUTES.iter().find(|(n, _)| *n == name) else {
            return error(501, &format!("{name} is not modelled."));
        };
        // Path parameters as the client encoded them (`%2B61...` for a `+61...` number).
        let decoded: Vec<String> = params.iter().map(|p| crate::percent_decode(&p.replace('+', "%2B"))).collect();
        let params: Vec<&str> = decoded.iter().map(String::as_str).collect();
        let mut reply = handler(state, req, &params);
        if reply.status == 200 {
            if let Some(t) = template::of(&template_key(e)) {
                reply.body = template::conform(reply.body, t);
            }
        }
        return reply;
    }
    if !req.authorized {
        error(401, "Invalid credentials.")
    } else if path_known {
        error(405, "Method not allowed.")
    } else {
        error(404, "Resource not found.")
    }
}

/// A path id as a number; `None` (so a 404) for anything else.
pub fn id(s: &str) -> Option<u64> {
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_one_route() {
        for e in ENDPOINTS.iter().filter(|e| e.host == Host::ClickSend) {
            let name = e.qualified_name();
            assert_eq!(ROUTES.iter().filter(|(n, _)| *n == name).count(), 1, "{name}");
        }
        let ops = ENDPOINTS.iter().filter(|e| e.host == Host::ClickSend).count();
        assert_eq!(ROUTES.len(), ops, "a route for an operation the table does not have");
    }
}
