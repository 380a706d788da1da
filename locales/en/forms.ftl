## Field errors as people read them, by error code (`form-<code>`), in every language.
## The API's English wording is in en/api.ftl. Pages put the field's label before these.

form-required = Fill in this field.
form-required-boolean = Answer yes or no.
form-required-mode = { error-mode }
form-invalid-email = { error-email }
form-email-needs-smtputf8 = Our mail server cannot deliver to an address with accented or non-Latin letters before the @. Please give another address.
form-email-too-long = { error-email }
form-email-unchangeable = The email address cannot change. Cancel and register again with the new address.
form-consent-required = { error-consent }
form-invalid-mode = { error-mode }
form-unknown-mode = Choose in person or online.
form-invalid-choice = { error-choice }
form-not-a-list = { error-choice }
form-mode-full = { error-full }
form-switch-closed = { error-switch-closed }
form-too-long = Use at most { $max } characters.
form-too-many-words = Use at most { $max } words.
form-control-characters = Remove the special characters (such as tabs) from this field.
form-line-break = Write this on one line.
form-invalid-language = Choose English, French or Dutch.
form-unknown-language = Labels can be in English, French and Dutch only.
form-not-a-string = Write this as text.
form-not-boolean = Answer yes or no.
form-unknown-question = This question is not asked for this event.
form-invalid-value = This value cannot be used. Check it and try again.
form-duplicate = This is used twice: make each one different.
form-ends-before-start = The end must come after the start.
form-english-label-required = Write the English label; French and Dutch are optional.
form-form-capacity = Enter a number, or leave it empty for no limit.
form-form-datetime = Enter a date and time, for example 13/12/2026 09:30.
form-invalid-instant = Enter a date and time, for example 13/12/2026 09:30.
form-invalid-capacity = Enter a number from 0 to { $max }, or leave it empty for no limit.
form-invalid-reminder-hours = Enter a number of hours from 0 to 720.
form-invalid-retention-days = Enter a number of days from 1 to 3650.
form-invalid-room-cap = Enter a whole number from 0 to 1,000,000.
form-invalid-slug = Use lowercase letters, digits and single dashes (at most 100), or leave it empty.
form-invalid-timezone = Choose a time zone from the list.
form-invalid-url = Enter an address starting with https:// or http://.
form-invalid-event-status = Choose draft, published, closed or cancelled.
form-no-mode = Offer at least one way to attend: in person, online or both.
form-invalid-question-key = Use lowercase letters, digits and _ (starting with a letter, at most 40).
form-invalid-question-kind = Choose what kind of answer the question takes.
form-choice-options = Give 1 to 50 options, one per line.
form-invalid-options = Make each option different and at most 200 characters long.
form-options-only-for-choice = Only choice questions have options: empty this box or change the kind.
form-too-many-questions = An event can ask at most 50 questions.
form-query-too-short = Type at least { $min } characters.
form-code-or-registration = Give a ticket code or a registration, not both.
form-invalid-cursor = This list has changed: start again from the first page.
form-invalid-list-cursor = This list has changed: start again from the first page.
form-invalid-limit = Enter a whole number from 1 to { $max }.
form-invalid-page-size = Enter a number from 1 to 100.
form-invalid-delimiter = Choose comma, semicolon or tab.
form-invalid-event-id = This is not an event of this service.
form-invalid-registration-id = This is not a registration of this event.
form-invalid-registration-status = Choose confirmed, on the waiting list or cancelled.
form-invalid-mail-status = Choose waiting, sending, sent, failed or held back.
form-conflict = This change is not possible now.
form-slug-taken = Another event already uses the address { $slug }: choose another one.
form-cannot-reopen = A cancelled event cannot be opened again. Copy it into a new event instead.
form-mode-in-use = { $mode ->
    [in_person] People are registered to attend in person: cancel or switch them before removing it.
   *[online] People are registered to attend online: cancel or switch them before removing it.
}
form-below-confirmed = { $confirmed ->
    [one] 1 person is already confirmed: the capacity cannot go below that.
   *[other] { $confirmed } people are already confirmed: the capacity cannot go below that.
}
form-file-empty = The file is empty.
form-file-unreadable = This file cannot be read. Save it as CSV (UTF-8) and try again.
form-file-missing-columns = The first row must name the columns: first name, last name and email are needed (headers in English, French or Dutch).
form-duplicate-in-file = The same address is on row { $row }.
form-token-name = Give the token a name of 1 to 200 characters.
form-event-draft = The event is a draft: publish it before importing.
form-registration-closed = Registration for this event is closed.
form-event-cancelled = This event was cancelled.
form-mode-not-offered = { $mode ->
    [in_person] This event cannot be attended in person.
   *[online] This event cannot be followed online.
}
form-file-missing = Choose a CSV file to import.
form-unknown-field = This setting does not exist.
form-invalid-color = Choose a colour written #rrggbb, for example #0033a0.
form-logo-read-only = The logo is changed by uploading a file.
form-per-language = Give one text per language.
form-logo-too-large = The file is too large: at most { $max }.
form-logo-missing = Choose a PNG or JPEG file.
form-logo-type = The logo must be a PNG or JPEG image.
form-invalid-preset = Choose the list for people, or none for scripts.
form-title-mismatch = That is not the title. Type it exactly, to confirm.
form-held-above-capacity = Hold back at most as many seats as the room has.
form-held-in-use = { $given ->
    [one] 1 held seat is already given: cancel it before holding back fewer.
   *[other] { $given } held seats are already given: cancel some before holding back fewer.
}
form-below-confirmed-held = { $confirmed } people are confirmed and { $held } seats are held back: the room needs at least { $min } seats.
form-held-seat-in-person = A held seat is a seat in the room: choose in person.
form-too-many-programme-items = A programme can have at most { $max } items.
form-outside-event = Choose a time within the event's start and end.
form-too-many-speakers = Name at most { $max } speakers per item.
form-unknown-event = Choose an event from the list.
form-already-registered-here = This address is already registered for this event: open the person's page and give them the held seat there.
form-no-held-seat-left = Every held seat is given. Hold back more seats in the event's settings first.
form-invalid-nonce = This request id cannot be read. Try again.
form-scanned-in-future = The scan time is in the future: check the device's clock.
form-scanned-before-event = The scan time is before the event's day: check the device's clock.
form-too-many-scans = Send at most { $max } scans at once.
form-invalid-scan-kind = A scan goes in or out.
form-instant-out-of-range = Choose a date between the years 2000 and 2100.
form-invalid-access = Choose who may register.
form-invalid-domain = "{ $domain }" is not a domain name such as fedasil.be.
form-too-many-domains = At most { $max } domains.
form-organization-full = This organization has used its seats in the room: choose online.
form-organization-full-choose = Your organization has used its seats in the room. Follow online (chosen below), or join the waiting list for the room.
form-same-email = Enter your colleague's address, not your own.
form-colleague-registered = This colleague is already registered for this meeting.
form-transfer-closed = This registration can no longer be handed on (the meeting has started, or it has checked in).
form-invalid-organization-cap = Enter a whole number of 1 or more, or leave it empty.
form-invalid-organization-names = Give one to 100 spellings, none empty.
form-unknown-placeholder = { $placeholder } is not a placeholder. Use {"{"}first_name{"}"}, {"{"}last_name{"}"}, {"{"}organization{"}"}, {"{"}manage_url{"}"}, {"{"}join_url{"}"} and {"{"}ticket_code{"}"}; to write a brace, type it twice ({"{{"} or {"}}"}).
form-one-line = Write the subject on one line.
form-mailing-status = Choose confirmed, waiting list or request: cancelled and declined registrations are never mailed.
form-too-many = Choose at most { $max }.
form-not-an-organization = Give an organization's name, not only accents or marks.
