//! SMS templates, and what every account sees alike: countries, time zones, voice languages,
//! email master templates and their categories, the sender types each country allows.

use super::ApiRequest;
use crate::envelope::{error, ok, Reply};
use serde_json::{json, Value};

const COUNTRIES: &[(&str, &str, &str)] = &[
    ("AU", "Australia", "Oceania"),
    ("CA", "Canada", "North America"),
    ("DE", "Germany", "Europe"),
    ("FR", "France", "Europe"),
    ("GB", "United Kingdom", "Europe"),
    ("IN", "India", "Asia"),
    ("NZ", "New Zealand", "Oceania"),
    ("SG", "Singapore", "Asia"),
    ("US", "United States", "North America"),
    ("ZA", "South Africa", "Africa"),
];

pub fn countries() -> Reply {
    ok("List of Countries.", COUNTRIES.iter().map(|(code, value, _)| json!({"code": code, "value": value})).collect())
}

pub fn country_list() -> Reply {
    let list = COUNTRIES.iter().enumerate().map(|(i, (code, name, region))| json!({"id": i + 1, "name": name, "code": code, "region": region})).collect();
    ok("List of Countries.", list)
}

pub fn timezones() -> Reply {
    let zones = [
        "Australia/Melbourne",
        "Australia/Sydney",
        "Australia/Perth",
        "Pacific/Auckland",
        "Europe/London",
        "Europe/Berlin",
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
        "Asia/Singapore",
        "UTC",
    ];
    ok("Here are the time zones.", json!(zones))
}

/// Languages for text-to-speech, with the voices (genders) each offers; `gender` is a
/// string when there is one voice and an array otherwise, as ClickSend answers.
pub fn voice_languages() -> Reply {
    let langs = json!([
        {"code": "en-au", "country": "English, Australia", "gender": ["female", "male"]},
        {"code": "en-gb", "country": "English, UK", "gender": ["female", "male"]},
        {"code": "en-us", "country": "English, US", "gender": ["female", "male"]},
        {"code": "en-in", "country": "English, India", "gender": "female"},
        {"code": "de-de", "country": "German, Germany", "gender": ["female", "male"]},
        {"code": "fr-fr", "country": "French, France", "gender": ["female", "male"]},
        {"code": "es-es", "country": "Spanish, Spain", "gender": "male"},
        {"code": "ja-jp", "country": "Japanese, Japan", "gender": "female"},
    ]);
    ok("Here are the possible languages.", langs)
}

/// Master templates: (id, name, category).
const MASTER_TEMPLATES: &[(u64, &str, u64)] = &[(1, "Plain", 1), (2, "Newsletter", 1), (3, "Announcement", 2), (4, "Receipt", 3)];
const CATEGORIES: &[(u64, &str)] = &[(1, "Basic"), (2, "Marketing"), (3, "Transactional")];

fn master_json(&(id, name, _): &(u64, &str, u64)) -> Value {
    json!({
        "template_id_master": id,
        "template_name": name,
        "date_added": 1_700_000_000,
        "body": format!("<html><body><h1>{name}</h1><p>{{{{content}}}}</p></body></html>"),
        "thumbnail": {"small": format!("https://sandbox.invalid/templates/{id}/small.png"), "large": format!("https://sandbox.invalid/templates/{id}/large.png")},
    })
}

pub fn master_templates(category: Option<&str>) -> Reply {
    if let Some(c) = category {
        if !CATEGORIES.iter().any(|(id, _)| id.to_string() == c) {
            return error(404, "Category not found.");
        }
    }
    let list = MASTER_TEMPLATES.iter().filter(|t| category.is_none_or(|c| t.2.to_string() == c)).map(master_json).collect();
    ok("Here are the master templates.", list)
}

pub fn master_template(id: &str) -> Reply {
    match MASTER_TEMPLATES.iter().find(|t| t.0.to_string() == id) {
        Some(t) => ok("Here is the master template.", master_json(t)),
        None => error(404, "Master template not found."),
    }
}

pub fn master_categories() -> Reply {
    ok("Here are the categories.", CATEGORIES.iter().map(|(id, name)| json!({"category_id": id, "category_name": name})).collect())
}

pub fn master_category(id: &str) -> Reply {
    match CATEGORIES.iter().find(|c| c.0.to_string() == id) {
        Some((id, name)) => ok("Here is the category.", json!({"category_id": id, "category_name": name})),
        None => error(404, "Category not found."),
    }
}

/// `GET /senders/compliant-sender-types?filter[product_type]=SMS` (required): which sender
/// types each country accepts.
pub fn compliant_sender_types(req: &ApiRequest) -> Reply {
    let Some(product) = req.query.get("filter[product_type]").filter(|p| !p.is_empty()) else {
        return crate::envelope::invalid(serde_json::Map::from_iter([("filter[product_type]".to_string(), json!("Product type filter is required."))]));
    };
    if !["SMS", "MMS", "VOICE"].contains(&product.to_ascii_uppercase().as_str()) {
        return error(400, "filter[product_type] must be SMS, MMS or VOICE.");
    }
    let wanted = req.query.get("filter[recipient_country_code]");
    let rows = COUNTRIES
        .iter()
        .filter(|(code, _, _)| wanted.is_none_or(|w| w.eq_ignore_ascii_case(code)))
        .map(|(code, _, _)| {
            let (blocked, allowed): (&[&str], &[&str]) = match *code {
                "US" | "CA" => (&["alpha_tag", "shared_number"], &["dedicated_number", "toll_free_number", "short_code"]),
                _ => (&[], &["alpha_tag", "dedicated_number", "own_number", "shared_number"]),
            };
            let allowed: Vec<Value> =
                allowed.iter().map(|t| json!({"sender_type": t, "allowed_sender_countries": {"global": *t == "alpha_tag", "country_codes": [code]}})).collect();
            json!({"recipient_country_code": code, "blocked_sender_types": blocked, "allowed_sender_types": allowed})
        })
        .collect::<Vec<_>>();
    ok("Here are the compliant sender types.", json!({"data": rows}))
}
