//! Every route of the service in one place, the OpenAPI document, CORS and cross-site
//! protection. The features export handlers; this file is the only one that knows them all,
//! and nothing imports it but `app`.

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::routing::{get, post};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

use crate::web::{AppState, assets, extract, health, lang, middleware, pages, security};
use crate::{
    accounts, attendance, check_in, contacts, events, exports, imports, mail, mailings, privacy, registrations,
    settings,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Convene API", description = "Registration and attendance for hybrid events. Errors share one body: `{\"error\": {\"code\", \"message\", \"fields\"}}`."),
    modifiers(&BearerAuth),
    tags((name = "events", description = "organizers' events"), (name = "registrations", description = "public registration and the registrant's own link"), (name = "attendance", description = "counts"), (name = "check-in", description = "the door: scans, walk-ins, staff search"), (name = "mail", description = "an event's mails and their delivery"), (name = "mailings", description = "organizers writing to a group of registrants"), (name = "exports", description = "attendee lists out: CSV and XLSX"), (name = "imports", description = "partner lists and attendance reports in"), (name = "settings", description = "who organizes: name, contact, privacy notice, colour, logo"), (name = "privacy", description = "erasure, the registrant's own data, the audit"))
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// What the annotations leave out and OpenAPI 3.1 requires or clients expect: a description
/// on every response (by its status), `security: []` on the public operations (those that
/// name no scheme), and a `servers` entry (this server).
fn complete_document(openapi: &mut utoipa::openapi::OpenApi) {
    openapi.servers = Some(vec![utoipa::openapi::Server::new("/")]);
    for item in openapi.paths.paths.values_mut() {
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for operation in operations.into_iter().flatten() {
            if operation.security.is_none() {
                operation.security = Some(Vec::new());
            }
            for (status, response) in operation.responses.responses.iter_mut() {
                if let utoipa::openapi::RefOr::T(response) = response
                    && response.description.is_empty()
                {
                    response.description = describe(status).to_owned();
                }
            }
        }
    }
}

/// The usual meaning of a status in this API.
fn describe(status: &str) -> &'static str {
    match status {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted (the same answer whatever the outcome)",
        "204" => "Done; no content",
        "303" => "See the Location header",
        "400" => "Malformed request (body, query or content type)",
        "401" => "Not signed in: a bearer token is missing or not valid",
        "403" => "Signed in, but this role may not do this",
        "404" => "No such resource (or a draft event, to the public)",
        "409" => "Conflicts with the current state; see the error code",
        "413" => "The body is larger than this endpoint accepts",
        "415" => "This media type is not accepted here",
        "422" => "Some fields are not valid; `error.fields` names each",
        "429" => "Too many requests; see Retry-After",
        _ => "See the error body",
    }
}

/// CORS only for the origins listed in `CONVENE_CORS_ORIGINS`; none by default.
fn cors(origins: &[String]) -> Option<CorsLayer> {
    let origins: Vec<HeaderValue> = origins.iter().filter_map(|o| HeaderValue::from_str(o.trim()).ok()).collect();
    if origins.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE])
            .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
            .max_age(Duration::from_secs(3600)),
    )
}

/// Refuses forms posted from another site (foreign `Origin` or `Sec-Fetch-Site`) with 403.
fn csrf_layer() -> tower_http::csrf::CsrfLayer<fn(tower_http::csrf::ProtectionError) -> axum::response::Response> {
    fn refuse(_: tower_http::csrf::ProtectionError) -> axum::response::Response {
        let lang = lang::PageLang::fixed(crate::domain::Language::En, "/");
        pages::forbidden(lang)
    }
    tower_http::csrf::CsrfLayer::new().with_rejection_response(refuse as fn(_) -> _)
}

/// Page requests render with who organizes (see `branding::current`). A database that does
/// not answer leaves the product's own look rather than failing the page.
async fn with_branding(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let branding = state.branding.get(state.db.read()).await.unwrap_or_default();
    crate::branding::scope(branding, next.run(request)).await
}

/// Every route of the service.
pub fn router(state: AppState) -> Router {
    let https = state.base_url.starts_with("https://");
    let (api, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(events::routes::create_event, events::routes::list_events))
        .routes(routes!(events::routes::get_event, events::routes::patch_event))
        .routes(routes!(events::routes::copy_event))
        .routes(routes!(events::routes::invite_previous))
        .routes(routes!(registrations::routes::register))
        .routes(routes!(
            registrations::routes::get_registration,
            registrations::routes::patch_registration,
            registrations::routes::cancel_registration
        ))
        .routes(routes!(registrations::routes::lost_link))
        .routes(routes!(registrations::routes::transfer_registration))
        .routes(routes!(registrations::approval_routes::approve))
        .routes(routes!(registrations::approval_routes::decline))
        .routes(routes!(attendance::routes::event_stats))
        .routes(routes!(attendance::organization_routes::merge))
        .routes(routes!(attendance::organization_routes::report))
        .routes(routes!(check_in::routes::check_in))
        .routes(routes!(check_in::routes::undo_check_in))
        .routes(routes!(check_in::routes::walk_in))
        .routes(routes!(check_in::routes::search_registrations))
        .routes(routes!(check_in::routes::room_status, check_in::routes::set_room))
        .routes(routes!(check_in::routes::check_out))
        .routes(routes!(check_in::offline_routes::checkin_index))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(check_in::offline_routes::scan_batch))
                .layer(DefaultBodyLimit::max(check_in::offline_routes::BATCH_LIMIT)),
        )
        .routes(routes!(mail::routes::list_mails))
        .routes(routes!(mail::routes::resend_mail))
        .routes(routes!(mailings::routes::create_mailing, mailings::routes::list_mailings))
        .routes(routes!(mailings::routes::get_mailing, mailings::routes::cancel_mailing))
        .routes(routes!(mailings::routes::preview_mailing))
        .routes(routes!(exports::routes::attendees_csv))
        .routes(routes!(exports::routes::attendees_xlsx))
        .routes(routes!(imports::routes::import_registrations))
        .routes(routes!(imports::routes::import_attendance))
        .routes(routes!(imports::routes::start_job))
        .routes(routes!(imports::routes::show_job))
        .routes(routes!(settings::routes::get, settings::routes::patch))
        .routes(routes!(settings::routes::put_logo))
        .routes(routes!(privacy::routes::erase_event))
        .routes(routes!(privacy::routes::erase_person))
        .routes(routes!(privacy::routes::personal_data))
        .routes(routes!(privacy::routes::audit_list))
        .split_for_parts();
    let mut openapi = openapi;
    complete_document(&mut openapi);
    let mut api = api
        .layer(DefaultBodyLimit::max(extract::JSON_BODY_LIMIT))
        // API answers may carry the registrant's secrets: never cache them.
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    if let Some(cors) = cors(&state.config.cors_origins) {
        api = api.layer(cors);
    }

    let pages = Router::new()
        .route("/e/{slug}", get(registrations::pages::event_page).post(registrations::pages::register))
        .route("/invitations/{token}/stop", get(contacts::pages::stop_page).post(contacts::pages::stop))
        .route("/e/{slug}/organization-seats", get(registrations::pages::organization_seats))
        .route("/e/{slug}/lost-link", get(registrations::pages::lost_link_page).post(registrations::pages::lost_link))
        .route(
            "/r/{token}",
            get(registrations::manage_pages::manage_page).post(registrations::manage_pages::manage_update),
        )
        .route("/r/{token}/mode", post(registrations::manage_pages::manage_switch))
        .route("/r/{token}/data", get(registrations::data_pages::download))
        .route(
            "/r/{token}/transfer",
            get(registrations::transfer_pages::form_page).post(registrations::transfer_pages::submit),
        )
        .route("/r/{token}/forget", get(registrations::data_pages::forget_page).post(registrations::data_pages::forget))
        .route(
            "/r/{token}/cancel",
            get(registrations::manage_pages::cancel_page).post(registrations::manage_pages::cancel),
        )
        .route("/admin", get(events::pages::home))
        .route("/admin/login", get(accounts::login::login_page).post(accounts::login::login))
        .route("/admin/logout", post(accounts::login::logout))
        .route("/admin/events", get(events::pages::list).post(events::pages::create))
        .route("/admin/events/new", get(events::pages::new_page))
        .route("/admin/events/{id}", get(events::dashboard::show))
        .route("/admin/events/{id}/edit", get(events::pages::edit_page).post(events::pages::update))
        .route("/admin/events/{id}/status", post(events::status_pages::set_status))
        .route("/admin/events/{id}/copy", get(events::edition_pages::copy_form).post(events::edition_pages::copy))
        .route(
            "/admin/events/{id}/invite-previous",
            get(events::edition_pages::invite_form).post(events::edition_pages::invite),
        )
        .route("/admin/events/{id}/status/{action}", get(events::status_pages::confirm_page))
        .route("/admin/events/{id}/mails/{mail_id}/resend", post(events::dashboard::resend))
        .route("/admin/events/{id}/registrations", get(registrations::admin_pages::list))
        .route("/admin/events/{id}/mailings", get(mailings::pages::list))
        .route(
            "/admin/events/{id}/mailings/new",
            get(mailings::compose_pages::compose).post(mailings::compose_pages::act),
        )
        .route("/admin/events/{id}/mailings/recipients", get(mailings::pages::recipients))
        .route("/admin/events/{id}/mailings/{mailing_id}", get(mailings::pages::show))
        .route("/admin/events/{id}/mailings/{mailing_id}/cancel", post(mailings::pages::cancel))
        .route("/admin/events/{id}/mailings/{mailing_id}/retry", post(mailings::pages::retry))
        .route(
            "/admin/events/{id}/approvals",
            get(registrations::approval_pages::queue).post(registrations::approval_pages::act),
        )
        .route("/admin/events/{id}/approvals/decline", post(registrations::approval_pages::decline))
        .route("/admin/events/{id}/registrations/bulk", post(registrations::people_actions::bulk))
        .route("/admin/events/{id}/registrations/confirm", post(registrations::people_actions::confirmed))
        .route(
            "/admin/events/{id}/registrations/{registration_id}",
            get(registrations::person_pages::show).post(registrations::person_pages::edit),
        )
        .route(
            "/admin/events/{id}/registrations/{registration_id}/{action}",
            get(registrations::people_actions::confirm_one).post(registrations::admin_pages::act),
        )
        .route(
            "/admin/events/{id}/held-seat",
            get(registrations::person_pages::held_form).post(registrations::person_pages::held_create),
        )
        .route(
            "/admin/events/{id}/registrations/{registration_id}/erase",
            get(privacy::pages::erase_person_page).post(privacy::pages::erase_person),
        )
        .route("/admin/events/{id}/erase", get(privacy::pages::erase_event_page).post(privacy::pages::erase_event))
        .route("/admin/events/{id}/audit", get(privacy::pages::audit_page))
        .route("/admin/events/{id}/organizations/merge", post(attendance::organization_pages::merge))
        .route("/admin/events/{id}/badges", get(registrations::badges::sheets))
        .route("/admin/events/{id}/export/{preset}", get(events::dashboard::export))
        .route(
            "/admin/events/{id}/import",
            get(imports::pages::form)
                .post(imports::pages::upload)
                .layer(DefaultBodyLimit::max(imports::pages::UPLOAD_LIMIT)),
        )
        .route("/admin/events/{id}/import/{job_id}", get(imports::pages::job))
        .route("/admin/events/{id}/desk-links", post(events::dashboard::create_desk_link))
        .route("/admin/events/{id}/desk-links/{link_id}/revoke", post(events::dashboard::revoke_desk_link))
        .route("/checkin/sw.js", get(assets::desk_worker))
        .route("/checkin/{id}", get(check_in::desk::desk_page))
        .route("/desk/{token}", get(check_in::desk::redeem))
        .route("/admin/users", get(accounts::users::users).post(accounts::users::create_user))
        .route("/admin/users/{id}", post(accounts::users::toggle_user))
        .route("/admin/tokens", get(accounts::users::tokens).post(accounts::users::create_token))
        .route("/admin/tokens/{id}/revoke", post(accounts::users::revoke_token))
        .route("/admin/settings", get(settings::pages::show).post(settings::pages::save))
        .route(
            "/admin/settings/logo",
            post(settings::pages::upload_logo).layer(DefaultBodyLimit::max(settings::service::LOGO_LIMIT + 64 * 1024)),
        )
        .route("/admin/settings/logo/delete", post(settings::pages::delete_logo))
        .layer(axum::middleware::from_fn(pages::html_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), with_branding))
        .layer(DefaultBodyLimit::max(extract::JSON_BODY_LIMIT))
        .layer(csrf_layer());
    let api = api
        .layer(axum::middleware::from_fn(pages::api_field_messages))
        .layer(axum::middleware::from_fn(security::api_cross_site));

    let app = Router::new()
        .merge(api)
        .merge(pages)
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", openapi))
        .route("/assets/{*path}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .route("/j/{join_token}", get(attendance::routes::follow_join_link))
        .route("/branding/logo", get(settings::routes::logo))
        .route("/branding/theme.css", get(settings::routes::theme))
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(health::metrics))
        .route("/admin/events/{id}/checkin-list", get(exports::routes::checkin_list))
        .fallback(pages::not_found)
        // Pages, JSON and assets compressed when asked for; never an answer with a secret.
        .layer(tower_http::compression::CompressionLayer::new().compress_when(security::CompressUnlessSecret))
        .layer(axum::middleware::from_fn(middleware::observe))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(axum::middleware::from_fn(security::private_pages));
    // Behind an https address, browsers are told never to use plain http for it (a year).
    let app = if https {
        app.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ))
    } else {
        app
    };
    app.with_state(state)
}
