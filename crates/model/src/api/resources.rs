//! Every record kind the model keeps, with where its ids start: one place for all of them, so
//! an area's handlers never reach into another area for a descriptor, and the id ranges can be
//! read side by side. `first_id: None` is a UUID id (the newer APIs'). Contacts and lists are
//! kept apart from these records (`State::lists`); their id bases are here too.

use super::records::{Gone, Resource};
use crate::state::{SUBACCOUNT_ID, USER_ID};

/// Where list ids start (ClickSend's are six digits).
pub const FIRST_LIST_ID: u64 = 428_000;
/// Where contact ids start.
pub const FIRST_CONTACT_ID: u64 = 1_500_000;

// Handled in account.rs
pub const SUBACCOUNTS: Resource = Resource {
    key: "subaccounts",
    id: "subaccount_id",
    first_id: Some(SUBACCOUNT_ID + 1000),
    required: &["api_username", "password", "email", "phone_number", "first_name", "last_name"],
    noun: "Subaccount",
    gone: Gone::True,
    bare: false,
};
pub const DELIVERY_ISSUES: Resource = Resource {
    key: "delivery_issues",
    id: "issue_id",
    first_id: Some(4_000),
    required: &["type", "description", "email_address"],
    noun: "Delivery issue",
    gone: Gone::True,
    bare: false,
};

// Handled in messages.rs
/// Links shortened in an SMS sent with `shorten_urls: true` (each `http...` word of its body).
pub const LONG_URLS: Resource = Resource { key: "long_urls", id: "long_url_id", first_id: Some(90_000), required: &[], noun: "Link", gone: Gone::True, bare: false };

// Handled in catalog.rs
pub const SMS_TEMPLATES: Resource =
    Resource { key: "sms_templates", id: "template_id", first_id: Some(589_000), required: &["template_name", "body"], noun: "Template", gone: Gone::EmptyArray, bare: false };

// Handled in campaigns.rs
pub const SMS_CAMPAIGNS: Resource =
    Resource { key: "sms_campaigns", id: "sms_campaign_id", first_id: Some(7_000), required: &["list_id", "name", "body"], noun: "SMS campaign", gone: Gone::True, bare: false };
pub const MMS_CAMPAIGNS: Resource = Resource {
    key: "mms_campaigns",
    id: "mms_campaign_id",
    first_id: Some(7_500),
    required: &["list_id", "name", "body", "subject", "media_file"],
    noun: "MMS campaign",
    gone: Gone::True,
    bare: false,
};
pub const EMAIL_CAMPAIGNS: Resource = Resource {
    key: "email_campaigns",
    id: "email_campaign_id",
    first_id: Some(8_000),
    required: &["list_id", "name", "subject", "body", "from_email_address_id", "from_name"],
    noun: "Email campaign",
    gone: Gone::True,
    bare: false,
};

// Handled in email.rs
pub const EMAIL_ADDRESSES: Resource =
    Resource { key: "email_addresses", id: "email_address_id", first_id: Some(1), required: &["email_address"], noun: "Email address", gone: Gone::EmptyObject, bare: false };
pub const EMAIL_TEMPLATES: Resource = Resource {
    key: "email_templates",
    id: "template_id",
    first_id: Some(39_000),
    required: &["template_name", "template_id_master"],
    noun: "Email template",
    gone: Gone::EmptyArray,
    bare: false,
};
pub const EMAIL_TO_SMS_ADDRESSES: Resource = Resource {
    key: "email_sms_addresses",
    id: "email_address_id",
    first_id: Some(2_000),
    required: &["email_address", "from"],
    noun: "Allowed email address",
    gone: Gone::True,
    bare: false,
};
pub const STRIPPED_STRINGS: Resource =
    Resource { key: "stripped_strings", id: "rule_id", first_id: Some(300), required: &["strip_string"], noun: "Stripped string", gone: Gone::True, bare: false };
pub const EMAILS: Resource = Resource { key: "emails", id: "message_id", first_id: None, required: &["to", "from", "body"], noun: "Email", gone: Gone::True, bare: false };

// Handled in numbers.rs
pub const DEDICATED_NUMBERS: Resource = Resource { key: "numbers", id: "dedicated_number", first_id: None, required: &[], noun: "Number", gone: Gone::True, bare: false };
pub const OWN_NUMBERS: Resource = Resource { key: "own_numbers", id: "id", first_id: None, required: &[], noun: "Own number", gone: Gone::Record, bare: true };
pub const NUMBER_VERIFICATIONS: Resource =
    Resource { key: "verifications", id: "id", first_id: None, required: &["phone_number", "country"], noun: "Verification", gone: Gone::True, bare: true };
pub const ALPHA_TAGS: Resource = Resource { key: "alpha_tags", id: "id", first_id: None, required: &["alpha_tag"], noun: "Alpha tag", gone: Gone::NoContent, bare: true };
pub const DEFAULT_SENDERS: Resource = Resource {
    key: "default_senders",
    id: "id",
    first_id: None,
    required: &["country_code", "product_type", "default_sender_strategies"],
    noun: "Default sender",
    gone: Gone::NoContent,
    bare: false,
};

// Handled in post.rs
pub const FAXES: Resource = Resource { key: "faxes", id: "message_id", first_id: None, required: &["file_url", "messages"], noun: "Fax", gone: Gone::True, bare: false };
pub const LETTERS: Resource = Resource { key: "letters", id: "message_id", first_id: None, required: &["file_url", "recipients"], noun: "Letter", gone: Gone::True, bare: false };
pub const POSTCARDS: Resource =
    Resource { key: "postcards", id: "message_id", first_id: None, required: &["file_urls", "recipients"], noun: "Postcard", gone: Gone::True, bare: false };
pub const RETURN_ADDRESSES: Resource = Resource {
    key: "return_addresses",
    id: "return_address_id",
    first_id: Some(5_000),
    required: &["address_name", "address_line_1", "address_city", "address_postal_code", "address_country"],
    noun: "Return address",
    gone: Gone::EmptyArray,
    bare: false,
};
pub const UPLOADS: Resource = Resource { key: "uploads", id: "upload_id", first_id: Some(1), required: &["content"], noun: "Upload", gone: Gone::True, bare: false };

// Handled in billing.rs
pub const TRANSACTIONS: Resource =
    Resource { key: "transactions", id: "invoice_number", first_id: Some(100_000), required: &[], noun: "Transaction", gone: Gone::True, bare: false };
pub const RESELLER_ACCOUNTS: Resource = Resource {
    key: "reseller_accounts",
    id: "user_id",
    first_id: Some(USER_ID + 10_000),
    required: &["username", "password", "user_email", "user_phone", "user_first_name", "user_last_name", "account_name", "country"],
    noun: "Account",
    gone: Gone::True,
    bare: false,
};
/// Nobody signs up through the sandbox account's referral link: the list is empty.
pub const REFERRALS: Resource = Resource { key: "referrals", id: "referral_rule_id", first_id: Some(1), required: &[], noun: "Referral account", gone: Gone::True, bare: false };

// Handled in rules.rs

const RECEIPT_FIELDS: &[&str] = &["rule_name", "match_type", "action", "action_address", "enabled"];
pub const SMS_INBOUND_RULES: Resource = Resource {
    key: "sms_inbound_rules",
    id: "inbound_rule_id",
    first_id: Some(12_000),
    // swagger-v2.yaml also requires message_search_term and action_address; openapi-v3.yaml's
    // own example leaves them null and empty (a POLL rule needs neither): the example wins.
    required: &["dedicated_number", "rule_name", "message_search_type", "action", "enabled"],
    noun: "Inbound rule",
    gone: Gone::EmptyArray,
    bare: false,
};
pub const FAX_INBOUND_RULES: Resource = Resource {
    key: "fax_inbound_rules",
    id: "inbound_rule_id",
    first_id: Some(13_000),
    required: &["dedicated_number", "rule_name", "action", "action_address", "enabled"],
    noun: "Inbound rule",
    gone: Gone::EmptyArray,
    bare: false,
};
pub const SMS_RECEIPT_RULES: Resource = receipt_rules("sms_receipt_rules", 14_000, Gone::EmptyArray);
pub const VOICE_RECEIPT_RULES: Resource = receipt_rules("voice_receipt_rules", 15_000, Gone::EmptyArray);
pub const EMAIL_RECEIPT_RULES: Resource = receipt_rules("email_receipt_rules", 16_000, Gone::True);
pub const FAX_RECEIPT_RULES: Resource = receipt_rules("fax_receipt_rules", 17_000, Gone::EmptyArray);

const fn receipt_rules(key: &'static str, first: u64, gone: Gone) -> Resource {
    Resource { key, id: "receipt_rule_id", first_id: Some(first), required: RECEIPT_FIELDS, noun: "Receipt rule", gone, bare: false }
}

/// Every record kind above, for the check below that none is left out or shares a key.
#[cfg(test)]
pub static ALL: &[&Resource] = &[
    &SUBACCOUNTS,
    &DELIVERY_ISSUES,
    &LONG_URLS,
    &SMS_TEMPLATES,
    &SMS_CAMPAIGNS,
    &MMS_CAMPAIGNS,
    &EMAIL_CAMPAIGNS,
    &EMAIL_ADDRESSES,
    &EMAIL_TEMPLATES,
    &EMAIL_TO_SMS_ADDRESSES,
    &STRIPPED_STRINGS,
    &EMAILS,
    &DEDICATED_NUMBERS,
    &OWN_NUMBERS,
    &NUMBER_VERIFICATIONS,
    &ALPHA_TAGS,
    &DEFAULT_SENDERS,
    &FAXES,
    &LETTERS,
    &POSTCARDS,
    &RETURN_ADDRESSES,
    &UPLOADS,
    &TRANSACTIONS,
    &RESELLER_ACCOUNTS,
    &REFERRALS,
    &SMS_INBOUND_RULES,
    &FAX_INBOUND_RULES,
    &SMS_RECEIPT_RULES,
    &VOICE_RECEIPT_RULES,
    &EMAIL_RECEIPT_RULES,
    &FAX_RECEIPT_RULES,
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_record_kind_is_listed_once_with_a_key_of_its_own() {
        // Made in two pieces so that this line does not count itself.
        let declared = include_str!("resources.rs").matches(&[": Resource", " ="].concat()).count();
        assert_eq!(ALL.len(), declared, "a Resource declared here but not in ALL");
        let mut keys = HashSet::new();
        for r in ALL {
            assert!(keys.insert(r.key), "two record kinds keep {}", r.key);
        }
    }

    /// No area's module names a sibling that names it back (directly or through others):
    /// areas share only `records`, `resources` and the request type.
    #[test]
    fn the_areas_form_no_circle() {
        let sources = [
            ("account", include_str!("account.rs")),
            ("billing", include_str!("billing.rs")),
            ("campaigns", include_str!("campaigns.rs")),
            ("catalog", include_str!("catalog.rs")),
            ("contacts", include_str!("contacts.rs")),
            ("email", include_str!("email.rs")),
            ("messages", include_str!("messages.rs")),
            ("numbers", include_str!("numbers.rs")),
            ("post", include_str!("post.rs")),
            ("rules", include_str!("rules.rs")),
            ("sending", include_str!("sending.rs")),
        ];
        let names: Vec<&str> = sources.iter().map(|(n, _)| *n).collect();
        let uses = |src: &str| -> Vec<&str> { names.iter().copied().filter(|n| src.contains(&format!("super::{n}")) || src.contains(&format!("crate::api::{n}"))).collect() };
        let graph: Vec<(&str, Vec<&str>)> = sources.iter().map(|(n, s)| (*n, uses(s))).collect();
        let edges = |n: &str| graph.iter().find(|(m, _)| *m == n).map(|(_, e)| e.clone()).unwrap_or_default();
        // From each area, everything it reaches must not include itself.
        for start in &names {
            let (mut seen, mut todo) = (HashSet::new(), edges(start));
            while let Some(next) = todo.pop() {
                assert_ne!(next, *start, "{start} reaches itself through {next}");
                if seen.insert(next) {
                    todo.extend(edges(next));
                }
            }
        }
    }
}
