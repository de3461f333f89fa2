//! The OpenAPI document as a readable page (`/api/v1/docs`): every endpoint with its scope, parameters, body and
//! answers, then every schema with its fields — rendered on the server from the same document the JSON serves, so
//! the two cannot disagree, with no script and nothing fetched from elsewhere.

use i18n::{Lang, T};
use serde_json::Value;
use std::fmt::Write;

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A short name of a schema's type: a referenced schema's name, `array of X`, or the JSON type with its format.
fn type_name(schema: &Value) -> String {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or(r);
        return format!("<a href=\"#schema-{0}\">{0}</a>", esc(name));
    }
    if let Some(all) = schema.get("allOf").or_else(|| schema.get("oneOf")).and_then(Value::as_array) {
        return all.iter().map(type_name).filter(|t| t != "null").collect::<Vec<_>>().join(" | ");
    }
    let kind = match schema.get("type") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(kinds)) => {
            kinds.iter().filter_map(Value::as_str).filter(|k| *k != "null").collect::<Vec<_>>().join(" | ")
        }
        _ => String::new(),
    };
    if kind == "array" {
        return format!("array of {}", schema.get("items").map(type_name).unwrap_or_default());
    }
    match schema.get("format").and_then(Value::as_str) {
        Some(f) => format!("{} ({})", esc(&kind), esc(f)),
        None => esc(&kind),
    }
}

fn nullable(schema: &Value) -> bool {
    matches!(schema.get("type"), Some(Value::Array(k)) if k.iter().any(|k| k == "null"))
        || schema.get("oneOf").and_then(Value::as_array).is_some_and(|a| a.iter().any(|s| text(s, "type") == "null"))
}

fn schema_of_content(content: &Value) -> Option<(String, &Value)> {
    content.as_object()?.iter().next().map(|(mime, body)| (mime.clone(), body.get("schema").unwrap_or(&Value::Null)))
}

fn operation(out: &mut String, lang: Lang, method: &str, path: &str, op: &Value) {
    let id = format!("{method}-{path}").replace(['/', '{', '}'], "-");
    let _ = write!(
        out,
        "<section class=\"card\" id=\"{}\"><h3><code>{} {}</code></h3><p>{}</p>",
        esc(&id),
        esc(&method.to_ascii_uppercase()),
        esc(path),
        esc(text(op, "summary")),
    );
    let description = text(op, "description");
    if !description.is_empty() {
        let _ = write!(out, "<p>{}</p>", esc(description));
    }
    let scopes: Vec<String> = op
        .get("security")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("token").and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .map(|s| format!("<code>{}</code>", esc(s)))
        .collect();
    if !scopes.is_empty() {
        let _ = write!(out, "<p><strong>{}:</strong> {}</p>", lang.t(T::ApiDocsScope), scopes.join(", "));
    }
    if let Some(params) = op.get("parameters").and_then(Value::as_array).filter(|p| !p.is_empty()) {
        let _ = write!(
            out,
            "<h4>{}</h4><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th></tr></thead><tbody>",
            lang.t(T::ApiDocsParams),
            lang.t(T::ApiDocsField),
            lang.t(T::ApiDocsType),
            lang.t(T::ApiDocsDescription),
        );
        for p in params {
            let required = if p.get("required").and_then(Value::as_bool) == Some(true) {
                format!(" <em>({})</em>", lang.t(T::ApiDocsRequired))
            } else {
                String::new()
            };
            let _ = write!(
                out,
                "<tr><td><code>{}</code> <small>{}</small>{}</td><td>{}</td><td>{}</td></tr>",
                esc(text(p, "name")),
                esc(text(p, "in")),
                required,
                p.get("schema").map(type_name).unwrap_or_default(),
                esc(text(p, "description")),
            );
        }
        out.push_str("</tbody></table></div>");
    }
    if let Some(body) = op.get("requestBody") {
        let (mime, schema) = body.get("content").and_then(schema_of_content).unwrap_or_default();
        let _ = write!(
            out,
            "<h4>{}</h4><p><code>{}</code> — {} {}</p>",
            lang.t(T::ApiDocsBody),
            esc(&mime),
            type_name(schema),
            esc(text(body, "description")),
        );
    }
    if let Some(responses) = op.get("responses").and_then(Value::as_object) {
        let _ = write!(out, "<h4>{}</h4><ul>", lang.t(T::ApiDocsResponses));
        for (status, r) in responses {
            let body = r.get("content").and_then(schema_of_content).map(|(_, s)| type_name(s)).unwrap_or_default();
            let _ = write!(out, "<li><code>{}</code> {} {}</li>", esc(status), esc(text(r, "description")), body);
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
}

fn schema_section(out: &mut String, lang: Lang, name: &str, schema: &Value) {
    let _ = write!(
        out,
        "<section class=\"card\" id=\"schema-{0}\"><h3>{0}</h3><p>{1}</p>",
        esc(name),
        esc(text(schema, "description"))
    );
    let required: Vec<&str> =
        schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        let _ = write!(
            out,
            "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th></tr></thead><tbody>",
            lang.t(T::ApiDocsField),
            lang.t(T::ApiDocsType),
            lang.t(T::ApiDocsDescription),
        );
        for (field, p) in props {
            let mark = if required.contains(&field.as_str()) && !nullable(p) {
                format!(" <em>({})</em>", lang.t(T::ApiDocsRequired))
            } else {
                String::new()
            };
            let _ = write!(
                out,
                "<tr><td><code>{}</code>{}</td><td>{}</td><td>{}</td></tr>",
                esc(field),
                mark,
                type_name(p),
                esc(text(p, "description")),
            );
        }
        out.push_str("</tbody></table></div>");
    } else {
        let _ = write!(out, "<p>{}</p>", type_name(schema));
    }
    out.push_str("</section>");
}

/// The page.
pub fn render(doc: &Value, lang: Lang, css: &str) -> String {
    let mut out = String::new();
    let info = doc.get("info").unwrap_or(&Value::Null);
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"{}\"></head><body><main id=\"main\" class=\"page\">\
         <h1>{}</h1><p>{}</p><p>{}</p><p><a href=\"/api/v1/openapi.json\">{}</a> · <a href=\"/hr/api\">{}</a></p>",
        lang.code(),
        lang.t(T::ApiDocsTitle),
        esc(css),
        lang.t(T::ApiDocsTitle),
        lang.t(T::ApiDocsIntro),
        esc(text(info, "description")),
        lang.t(T::ApiDocsJson),
        lang.t(T::ApiTitle),
    );
    let _ = write!(out, "<h2>{}</h2>", lang.t(T::ApiDocsEndpoints));
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        out.push_str("<nav aria-label=\"API\"><ul>");
        for (path, item) in paths {
            for (method, op) in item.as_object().into_iter().flatten() {
                let id = format!("{method}-{path}").replace(['/', '{', '}'], "-");
                let _ = write!(
                    out,
                    "<li><a href=\"#{}\"><code>{} {}</code></a> — {}</li>",
                    esc(&id),
                    esc(&method.to_ascii_uppercase()),
                    esc(path),
                    esc(text(op, "summary"))
                );
            }
        }
        out.push_str("</ul></nav>");
        for (path, item) in paths {
            for (method, op) in item.as_object().into_iter().flatten() {
                operation(&mut out, lang, method, path, op);
            }
        }
    }
    let _ = write!(out, "<h2>{}</h2>", lang.t(T::ApiDocsSchemas));
    if let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) {
        for (name, schema) in schemas {
            schema_section(&mut out, lang, name, schema);
        }
    }
    out.push_str("</main></body></html>");
    out
}

/// The answer to issuing a token: its secret, shown this once, and how to use it.
pub fn issued(token: &domain::view::IssuedToken, lang: Lang, css: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang_code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <link rel=\"stylesheet\" href=\"{css}\"></head><body><main id=\"main\" class=\"page\">\
         <h1>{title}</h1><div class=\"form-ok\" role=\"status\"><p>{issued}</p></div>\
         <p><strong>{name}</strong> · {expires_label}: {expires}</p>\
         <p><label for=\"secret\">{token_label}</label><br><input id=\"secret\" type=\"text\" readonly \
         size=\"72\" value=\"{secret}\"></p>\
         <pre><code>curl -H \"Authorization: Bearer {secret}\" /api/v1/units</code></pre>\
         <p><a href=\"/hr/api\">{back}</a> · <a href=\"/api/v1/docs\">{docs}</a></p></main></body></html>",
        lang_code = lang.code(),
        title = lang.t(T::ApiNewToken),
        issued = lang.t(T::ApiIssued),
        name = esc(&token.name),
        expires_label = lang.t(T::ApiExpires),
        expires = esc(token.expires.get(..16).unwrap_or(&token.expires)),
        token_label = lang.t(T::ApiTokens),
        secret = esc(&token.secret),
        back = lang.t(T::ApiTitle),
        docs = lang.t(T::ApiDocsLink),
        css = esc(css),
    )
}
