## Back office (organizers, admins, check-in staff).

admin-nav = Back office
nav-events = Events
nav-tokens = API tokens
nav-users = Users
logout = Log out ({ $email })
field-password = Password
login-title = Log in
login-button = Log in
login-failed = The email address or password is not right.
login-throttled = Too many attempts. Wait a minute and try again.
error-title = Something went wrong
go-back = Go back to the previous page and try again.
actions = Actions

event-new = New event
event-edit = Edit event
event-title = Title
event-slug = Address of the event page
event-slug-hint = Lowercase letters, digits and dashes; left empty, it is made from the title.
event-description = Description
event-title-fr = Title in French
event-description-fr = Description in French
event-title-nl = Title in Dutch
event-description-nl = Description in Dutch
event-section-basics = The event
event-section-time = Time
event-section-attendance = Attendance
event-starts = Starts
event-ends = Ends
event-timezone = Time zone
event-closes = Registration closes
event-closes-hint = Left empty, registration stays open until the event ends.
event-reminder = Reminder, hours before the start
event-reminder-hint = 0 sends no reminder.
event-venue-fr = Venue in French
event-venue-nl = Venue in Dutch
event-venue-translation-hint = Only where the name differs, e.g. Bruxelles or Brussel.
event-venue = Venue
event-capacity-in-person = Seats in the room
event-capacity-online = Places online
event-capacity-hint = Left empty: unlimited.
event-online-url = Stream address
event-online-url-hint = Registrants get a personal link that leads here; the address itself is never shown on the public page.
event-waitlist = Keep a waiting list when full
event-status = Status
event-status-draft = Draft
event-status-published = Published
event-status-closed = Closed
event-status-cancelled = Cancelled
event-publish = Publish
event-close = Close registration
event-cancel = Cancel the event
no-events = No events yet.
open-desk = Check-in desk
public-page = Public page

questions-title = Custom questions
questions-hint = Asked on the registration form, in this order. A row left empty is skipped.
question-n = Question { $n }
question-kind = Kind
question-kind-text = One line of text
question-kind-long_text = Longer text (several lines)
question-kind-choice = One choice among options
question-kind-multi = Several choices among options
question-kind-boolean = Yes or no
question-required = Required
question-label-en = Question in English
question-label-fr = Question in French
question-label-nl = Question in Dutch
question-options = Options
question-options-hint = For a choice: one option per line, written "English | Français | Nederlands" (or one word for all languages).

counts-title = Live counts
count-confirmed = Confirmed
count-capacity = Capacity
count-waitlisted = Waiting list
count-checked-in = Checked in
count-joined = Joined online
count-total = Overall
count-registered = Registered
count-attended = Attended
count-cancelled = Cancelled
arrivals-title = Arrivals over time
arrivals-none = Nobody has checked in yet.
absent-title = Not checked in yet, by organization
absent-count = Confirmed in person, not checked in
absent-none = Everyone confirmed for the room has checked in.
mail-title = Mail
mail-status-pending = Queued
mail-status-sending = Sending
mail-status-sent = Sent
mail-status-failed = Failed
mail-status-deferred = Held back
mail-deferred-until = Over the limit of 5 mails per hour to this address: it goes at { $when } with the latest state.
mail-kind = Mail
mail-error = Last error
mail-attempts = Attempts
mail-resend = Resend

registrations-title = Registrations
registrations-count = { $count ->
    [one] 1 registration
   *[other] { $count } registrations
}
search-label = Search by name, email or organization
filter-all = All
filter-button = Filter
checked-in = checked in
action-promote = Promote
action-resend = Resend confirmation
action-cancel = Cancel
notice-cancelled = The registration was cancelled.
notice-switched = The mode was switched.
notice-promoted = The registration was moved up from the waiting list.
notice-resent = The confirmation was queued again.
notice-full = No seat is free in that mode.
notice-is-cancelled = That registration is cancelled.
notice-not-possible = That is not possible for this registration.
pages = Pages
page-previous = Previous page
page-next = Next page
page-of = Page { $page } of { $pages }

user-role = Role
role-admin = Admin
role-organizer = Organizer
role-checkin = Check-in staff
user-active = Active
user-disabled = Disabled
user-enable = Enable
user-disable = Disable
user-add = Add an account
user-created = Account { $email } created. Its password is shown once: pass it on now.
tokens-hint = Tokens let scripts call the API as you. A new token is shown once.
token-name = Name
token-created-at = Created
token-new = Create a token
token-created = Your new token, shown once:
token-revoke = Revoke
export-title = Attendee lists
export-people-xlsx = Excel workbook for reading (.xlsx)
export-people-csv = CSV for reading (Excel in Belgium)
export-excel-be = For scripts: CSV with ; and BOM
export-csv = For scripts: CSV (comma)
export-xlsx = For scripts: Excel workbook (.xlsx)
export-print = Printable check-in list
export-last-choice = your last choice
import-title = Import a partner list
import-file = CSV file
import-file-hint = Columns first name, last name, email, organization, language, mode (in any order, headers in English, French or Dutch; other columns are ignored). Modes may be written "in person" / "sur place" / "ter plaatse" or "online" / "en ligne".
import-dry-run = Dry run: check every row, write nothing
import-notify = Mail each imported partner their confirmation
import-invite = Instead of registering, mail each partner a personal invitation
import-button = Import
import-report = Import report
import-report-dry = Dry-run report (nothing was written)
import-rows = Rows
import-created = Created
import-skipped = Skipped
import-line = Line
import-outcome = Outcome
import-reason = Reason
import-not-imported = Rows not imported
import-all-imported = Every row was imported.
import-job-queued = Waiting to start
import-job-running = Importing
import-job-done = Import finished
import-job-failed = Import stopped
import-job-progress = { $done } of { $total } rows done
import-job-leave = This page follows the import by itself. You may leave it: the import goes on.
import-job-stopped = The event stopped taking registrations during the import; the rows below were done before that.
event-create-button = Create the event
checkin-list-title = Check-in list
checkin-list-counts = { $count ->
    [one] 1 registration
   *[other] { $count } registrations
}: { $in_person } in person, { $online } online, { $waitlisted } on the waiting list.
checkin-list-printed = Printed { $date }.
checkin-list-print-hint = Print this page (Ctrl+P) to keep a paper list at the door.
checkin-list-mode = Attends
checkin-list-status = Status
checkin-list-empty = No registrations yet.
import-outcome-created = Registered
import-outcome-invited = Invitation sent
import-outcome-already_registered = Already registered
import-outcome-already_invited = Already invited
import-outcome-duplicate_in_file = Twice in the file
import-outcome-invalid_email = Email address not valid
import-outcome-missing_name = Name missing
import-outcome-invalid_mode = Way of attending not understood
import-outcome-invalid_language = Language not understood
import-outcome-invalid_field = A cell cannot be used
import-outcome-invalid_answers = Answers not valid
import-outcome-mode_not_offered = Way of attending not offered
import-outcome-capacity_full = Full
import-outcome-registration_closed = Registration closed
arrivals-desc = Check-ins at the door per quarter of an hour ({ $zone }).
arrivals-time = Time
arrivals-count = Check-ins
arrivals-bar = Share of the busiest quarter hour
summary-room-empty = No one is confirmed for the room yet.
summary-room-full = The room is full: { $capacity } seats taken.
summary-room-taken = { $confirmed } of { $capacity } seats taken.
summary-room-unlimited = { $confirmed } confirmed for the room (no limit).
summary-waiting = { $count ->
    [one] 1 person is waiting for a seat.
   *[other] { $count } people are waiting for a seat.
}
summary-door-none = No one has checked in yet.
summary-door-some = { $checked } of { $confirmed } have checked in.
summary-door-all = Everyone confirmed for the room has checked in ({ $count }).
summary-online-empty = No one is registered to follow online yet.
summary-online-registered = { $count ->
    [one] 1 person is registered to follow online.
   *[other] { $count } people are registered to follow online.
}
summary-joined-none = No one has joined the stream yet.
summary-joined = { $count ->
    [one] 1 person has joined the stream.
   *[other] { $count } people have joined the stream.
}
checkin-list-arrived = checked in at { $time }
nav-settings = Settings
settings-intro = Who organizes: partners see this name, logo and colour on every public page, and the name, contact and privacy notice in every mail.
settings-who = The organization
settings-name-en = Name in English
settings-name-fr = Name in French
settings-name-nl = Name in Dutch
settings-name-hint = English is used for a language left empty.
settings-contact = Contact address
settings-contact-hint = Replies to mails go here, and calendars name it as the organizer.
settings-privacy = Privacy notice
settings-privacy-hint = The registration form links to it beside the consent box.
settings-privacy-en = Privacy notice in English
settings-privacy-fr = Privacy notice in French
settings-privacy-nl = Privacy notice in Dutch
settings-look = Look
settings-accent = Accent colour
settings-accent-hint = Links and buttons. A colour too light to read is darkened until it is.
settings-accent-none = Use Convene's blue
settings-logo = Logo
settings-logo-hint = PNG or JPEG, at most 512 KiB. Shown at the top of public pages and in mails.
settings-logo-choose = Logo file
settings-logo-upload = Upload the logo
settings-logo-remove = Remove the logo
settings-logo-current = The current logo
settings-preview = Preview
settings-preview-hint = How a public page and a mail will look (the colour and name follow what you type).
settings-preview-no-name = (no name yet: pages show "Convene")
settings-preview-mail = A mail
settings-preview-from = From
settings-preview-reply = Replies go to
settings-preview-signature = Signed
settings-saved = The settings are saved.
settings-logo-saved = The logo is saved.
settings-logo-removed = The logo was removed.
export-column-first-name = First name
export-column-last-name = Last name
export-column-email = Email
export-column-organization = Organization
export-column-mode = Attends
export-column-status = Status
export-column-language = Language
export-column-registered-at = Registered at
export-column-checked-in-at = Checked in at
export-column-joined-online-at = Joined online at
desk-link-qr-alt = QR code of the desk link
desk-link-scan = Scan it with the volunteer's phone, or copy the link and send it to them.
desk-link-copy = Copy the link
desk-link-copied = Copied.
event-reopen = Reopen registration
confirm-cancel-title = Cancel the event?
confirm-cancel-what = { $count ->
    [0] Nobody is registered: nobody will be mailed.
    [one] 1 registered person will be mailed at once that the meeting is cancelled, with the calendar entry withdrawn.
   *[other] { $count } registered people will be mailed at once that the meeting is cancelled, with the calendar entry withdrawn.
}
confirm-cancel-final = A cancelled event cannot be opened again.
confirm-note = A message for the registrants (optional)
confirm-note-hint = It goes into the cancellation mail, e.g. why, and what happens next.
confirm-type-title = Type the event's title to confirm
confirm-type-title-hint = Type: { $title }
confirm-cancel-button = { $count ->
    [0] Cancel the event
    [one] Cancel the event and mail 1 person
   *[other] Cancel the event and mail { $count } people
}
confirm-keep = Keep it as it is
confirm-close-title = Close registration?
confirm-close-what = Nobody can register any more; those registered keep their place and are not mailed. You can reopen registration at any time.
confirm-close-button = Close registration
done-event-cancelled = { $count ->
    [0] The event is cancelled. Nobody was registered, so nobody is mailed.
    [one] The event is cancelled. 1 person is being mailed.
   *[other] The event is cancelled. { $count } people are being mailed.
}
done-event-closed = Registration is closed. Reopen it at any time.
done-event-published = Registration is open.
event-held = Seats held back for speakers and hosts
event-held-hint = Part of the in-person capacity, never offered to the public. Give them from the registrations page.
programme-title = Programme
programme-hint = Shown on the registration page and in the confirmation mail, in the reader's language. Times are in the event's time zone.
programme-item-n = Item { $n }
programme-starts = Starts
programme-ends = Ends (optional)
programme-title-en = Title in English
programme-title-fr = Title in French
programme-title-nl = Title in Dutch
programme-speakers = Speakers
programme-speakers-hint = One per line, e.g. "Sammy Mahdi, State Secretary for Asylum and Migration".
programme-add = Add a programme item
programme-remove = Remove this item
question-add = Add a question
question-remove = Remove this question
question-label-en-hint = Required. The question's key for exports and the API is made from it once.
question-key-shown = Exports and the API call it "{ $key }".
row-up = Move up
row-down = Move down
row-remove = Remove
copy-title = Copy to a new edition
copy-what = Makes a draft with the same texts, translations, questions, programme, seats and door settings, moved to the new dates. Nobody is registered or invited yet.
copy-zone = In { $zone } time, like this event.
copy-button = Make the copy
done-copied = This is the copy, still a draft. Check it, then publish it.
invite-title = Invite an earlier edition
invite-publish-first = Publish this event first: invitations lead to its registration form.
invite-no-earlier = There is no earlier event to invite from.
invite-what = { $count ->
    [0] Each person gets a personal link that fills in the form for them, in their language.
    [one] Each person gets a personal link that fills in the form for them, in their language. The 1 person who asked to be invited to future editions is invited too.
   *[other] Each person gets a personal link that fills in the form for them, in their language. The { $count } people who asked to be invited to future editions are invited too.
}
invite-from = Invite the people of
invite-who = Whom
invite-who-attended = Those who came (checked in or joined online)
invite-who-all = Everyone who registered and did not cancel
invite-skipped = Nobody is invited twice: people already registered or invited here, and those who asked for no more invitations, are left out.
invite-button = Send the invitations
done-invited = { $count ->
    [0] Nobody new to invite: everyone is already registered or invited.
    [one] 1 invitation is on its way.
   *[other] { $count } invitations are on their way.
}
edition-title = Next edition
edition-hint = Make next year's meeting from this one, then invite the people who came.
count-held = Held for speakers and hosts
count-held-given = { $given } of { $held } given
registration-status = Status
filter-attended = Came
filter-attended-yes = Came (checked in or joined)
filter-attended-no = Not (yet) come
held-new = Give a held seat to someone new
held-badge = held seat
held-new-what = For a speaker or a host: a seat held back from the public ({ $given } of { $held } given). They get the usual confirmation with their ticket.
held-new-email-hint = Their confirmation and ticket go to this address.
held-new-button = Give the seat
badges-title = Name badges
badges-count = { $count ->
    [0] No confirmed in-person registration matches: there is no badge to print.
    [one] 1 badge, for the confirmed in-person registration that matches the list's filters.
   *[other] { $count } badges, for the confirmed in-person registrations that match the list's filters.
}
badges-hint = Print on A4 sheets of 8 labels of 85 × 54 mm, at 100 % (no "fit to page"), without margins or headers.
badges-sheet = Sheet { $n }
bulk-label = With the ticked people
bulk-resend = Resend their confirmation
bulk-switch = Switch their mode…
bulk-cancel = Cancel their registration…
bulk-button = Go
bulk-select-all = Tick everyone on this page
bulk-select = Tick { $name }
column-registered = Registered
column-attended = Came
row-menu = Actions
row-open = Open
action-hold = Give a held seat
action-cancel-ellipsis = Cancel…
attended-checked-in = Checked in { $time }
attended-joined = Joined online { $time }
done-people-cancelled-one = { $name }'s registration is cancelled; they are mailed.
done-people-switched-one = { $name } now attends the other way; they are mailed.
done-people-promoted-one = { $name } has a seat now; they are mailed.
done-people-held-one = { $name } has a held seat now.
done-people-resent-one = { $name }'s confirmation is on its way again.
done-people-full-one = No seat is free for { $name } in that mode. Nothing was changed.
done-people-is-cancelled-one = { $name }'s registration is cancelled: nothing was changed.
done-people-not-possible-one = That is not possible for { $name } now. Nothing was changed.
done-people-cancelled = { $count ->
    [one] 1 registration is cancelled; the person is mailed.
   *[other] { $count } registrations are cancelled; each person is mailed.
}
done-people-switched = { $count ->
    [one] 1 person now attends the other way; they are mailed.
   *[other] { $count } people now attend the other way; each is mailed.
}
done-people-resent = { $count ->
    [0] Nobody ticked is still registered: nothing was sent.
    [one] 1 confirmation is on its way again.
   *[other] { $count } confirmations are on their way again.
}
done-people-full = One of the switches had no free seat, so nobody was switched. Nothing was changed.
done-people-not-possible = That is not possible for one of the people now, so nothing was changed.
done-people-none-selected = Tick at least one person first.
people-confirm-cancel-title = { $count ->
    [one] Cancel this registration?
   *[other] Cancel { $count } registrations?
}
people-confirm-switch-title = { $count ->
    [one] Switch this person's mode?
   *[other] Switch the mode of { $count } people?
}
people-confirm-none = Nobody in this selection is still registered: there is nothing to do.
people-confirm-cancel-what = { $count ->
    [one] The person below loses their place and is mailed a cancellation with a calendar cancellation. A freed seat goes to the waiting list at once.
   *[other] The { $count } people below lose their place and are each mailed a cancellation with a calendar cancellation. Freed seats go to the waiting list at once.
}
people-confirm-switch-what = { $count ->
    [one] The person below moves to the other mode, if a seat is free there, and is mailed their new ticket or stream link.
   *[other] The { $count } people below move to the other mode and are each mailed their new ticket or stream link. If one of them finds no free seat, nobody is switched.
}
people-note-hint = It goes into each cancellation mail, e.g. why, and what happens next.
people-confirm-cancel-button = { $count ->
    [one] Cancel it and mail the person
   *[other] Cancel them and mail { $count } people
}
people-confirm-switch-button = { $count ->
    [one] Switch and mail the person
   *[other] Switch and mail { $count } people
}
person-consent = Given { $when } ({ $how })
person-ticket = Ticket code
person-details = Details and answers
person-mails = Mails
person-mail-queued = Queued
person-mail-state = State
person-no-mails = No mail was sent to this person.
person-history = History
notice-edited = The details are saved.
notice-held = The held seat is given.
history-registered = Registered ({ $mode }): { $status }
history-walk_in = Registered at the door, in person
history-promoted = Got a seat from the waiting list ({ $mode })
history-switched = Switched from { $from } to { $to }
history-edited = Changed: { $fields }
history-cancelled = Cancelled
history-held_seat_given = Given a held seat (was { $from_mode })
history-checked_in = Checked in
history-check_in_undone = Check-in undone
history-exit = Left the room
history-returned = Came back into the room
history-joined = Joined online ({ $count } times)
history-mailed = Mailed: { $mail } ({ $status })
history-unknown = Changed
history-by-registrant = by the registrant
history-by-organizer = by { $who }
history-by-desk = at the desk { $who }
history-by-system = by Convene
mail-kind-confirmation = Confirmation
mail-kind-waitlisted = Waiting list
mail-kind-cancelled = Cancellation
mail-kind-manage_link = Their link again
mail-kind-no_seat_freed = No seat freed up
mail-kind-event_updated = Event changed
mail-kind-event_cancelled = Event cancelled
mail-kind-reminder = Reminder
mail-kind-invitation = Invitation
filters-more = Filters and order
sort-label = Order by
sort-direction = Direction
sort-asc = A to Z, oldest first
sort-desc = Z to A, newest first
sort-name = Name
sort-organization = Organization
sort-mode = Attends
sort-status = Status
sort-registered = Registered
sort-attended = Came
person-mail-sent-at = Sent { $when }
bulk-export = Download them as a spreadsheet (CSV)
by-desk-title = Check-ins by desk
by-desk-desk = Desk
action-newlinks = Issue new links and mail them
notice-newlinks = New links are made: the old ticket and links no longer work, and the new ones are on their way to the person.
notice-secret-unavailable = This person's ticket and links cannot be sent again: the server's secret key is not the one they were made with. Issue new links instead.
done-people-newlinks-one = { $name } has new links, mailed to them; the old ones no longer work.
done-people-secret-unavailable-one = { $name }'s ticket and links cannot be sent again (the server's secret key changed): open their page and issue new links.
history-new_links = New ticket and links issued

## Privacy: retention, erasure, the audit
event-section-privacy = Personal data
event-retention = Keep registrants' details for, in days after the event
event-retention-hint = Names, addresses and answers are then erased by themselves; the counts stay. 180 days unless you choose.
event-retention-hint-on = With these dates they are erased on { $when }; the counts stay.
privacy-title = Personal data
privacy-due-on = Registrants' names, addresses and answers are kept { $days } days after the event: they are erased on { $when }. The counts stay.
privacy-erased-on = Registrants' personal data was erased on { $when }. The counts stay.
privacy-change = Change how long
privacy-erase-now = Erase personal data now…
done-erased = { $count ->
    [one] The personal data of one registration was erased.
   *[other] The personal data of { $count } registrations was erased.
}
erase-event-title = Erase this event's personal data
erase-event-what = { $count ->
    [0] No registration has personal data left.
    [one] The name, address, answers, ticket and links of one registration will be erased, with the mails written to them.
   *[other] The names, addresses, answers, tickets and links of { $count } registrations will be erased, with the mails written to them.
}
erase-kept = Kept: each registration's mode, status, organization, language and times, so every count and the organizations report stay the same.
erase-final = This cannot be undone.
erase-event-button = { $count ->
    [one] Erase one registration's personal data
   *[other] Erase the personal data of { $count } registrations
}
erase-event-not-yet = An event's personal data can be erased as a whole once it has ended or is cancelled. Before that, erase one person from their page.
erase-person-title = Erase this person's personal data
erase-person-what = { $name }'s name, address, answers, ticket and links will be erased, with the mails written to them. Their links stop working at once.
erase-person-seat = Their registration is cancelled first (a seat it frees goes to the waiting list); they are not mailed.
erase-person-button = Erase the personal data
action-erase-ellipsis = Erase personal data…
person-erased-name = Erased registration
person-erased = Personal data erased on { $when }. The registration still counts in the figures.
notice-erased = The personal data was erased.
copy-retention = The copy keeps registrants' details { $days } days after its own end, like this event; you can change it in the new edition's form.
audit-title = Audit
audit-hint = Who exported registrants, downloaded the check-in list, erased personal data or changed settings, newest first. It names no registrant.
audit-when = When
audit-who = Who
audit-what = What
audit-count = Registrations
audit-none = Nothing recorded yet.
audit-newest = Newest
audit-older = Older
audit-action-export = Export
audit-action-checkin-index = Check-in list downloaded by a desk
audit-action-erase-event = Event's personal data erased
audit-action-erase-person = One person's data erased
audit-action-retention-erase = Erased when retention ran out
audit-action-settings-change = Settings changed
audit-action-mailing = Mailing sent

## Who may register, and the approvals queue.
event-section-access = Who may register
event-access-open = Anyone with the event's page
event-access-open-hint = Registrations take a seat at once, or join the waiting list.
event-access-invitation = Invited people only
event-access-invitation-hint = A personal invitation link (from an imported partner list or "Invite an earlier edition"), or an address at one of the domains below.
event-access-approval = Anyone may ask; organizers approve
event-access-approval-hint = Requests take no seat until you approve them from the approvals queue; then they are seated or waitlisted as a new registration would be.
event-allowed-domains = Domains that need no invitation
event-allowed-domains-hint = One per line, such as fedasil.be. Only for invited-only events; the whole domain must match.
approvals-title = Requests to attend
approvals-intro = Oldest first. Approving seats each person if a seat is free in their mode, or puts them on the waiting list; both are mailed. Declining mails them your message.
approvals-not-approval = This event no longer asks for approval; these requests still wait for your decision.
approvals-none = No request is waiting.
approvals-declined-count = { $count ->
    [one] One request was declined.
   *[other] { $count } requests were declined.
}
approvals-count = { $count ->
    [one] One request waits for your decision.
   *[other] { $count } requests wait for your decision.
}
approvals-approve-selected = Approve selected
approvals-decline-selected = Decline selected…
approvals-answers = Answers
approvals-requested = Asked on
approvals-more = { $count } more requests follow; decide on these first.
approvals-done-approved = Approved: { $seated } seated, { $waitlisted } on the waiting list.{ $full ->
    [0] {""}
   *[other] { " " }{ $full } could not be approved: that mode is full and the event has no waiting list.
}
approvals-done-declined = { $count ->
    [one] One request declined; the person is mailed.
   *[other] { $count } requests declined; each person is mailed.
}
approvals-none-selected = Tick the requests first.
approvals-decline-title = { $count ->
    [one] Decline this request?
   *[other] Decline { $count } requests?
}
approvals-decline-what = { $count ->
    [one] The person is mailed that their request is declined, with your message if you write one. This cannot be undone.
   *[other] Each person is mailed that their request is declined, with your message if you write one. This cannot be undone.
}
approvals-decline-message = Message for the person (optional)
approvals-decline-hint = Shown in the mail, under "A message from the organizers". Plain text, at most 2,000 characters.
approvals-decline-button = { $count ->
    [one] Decline and mail
   *[other] Decline { $count } and mail them
}
approvals-keep = Go back without declining
approvals-link = { $count ->
    [0] Requests to attend
    [one] One request to attend
   *[other] { $count } requests to attend
}
approvals-review = Review the request…
count-pending = Requests waiting
count-declined = Declined
history-approved = Request approved: { $status }
history-declined = Request declined
mail-kind-request_received = Request received
mail-kind-declined = Request declined
person-pending = This request waits for your decision: approve or decline it from the approvals queue.

## Fair seats for partner organizations.
history-cap_overridden = Let in past the organization's limit
history-transferred = Handed to a colleague (the former holder's details erased)
mail-kind-transfer_notice = Notice to the former holder
import-outcome-organization_full = Organization's seats used
organizations-title = Per organization
organizations-none = No organization yet.
organizations-export = Report per organization (CSV)
organizations-column-name = Organization
organizations-column-in-person = In person
organizations-column-online = Online
organizations-column-waitlisted = Waiting
organizations-column-checked-in = Checked in
organizations-column-joined = Joined online
event-organization-cap = Seats in the room per organization
event-organization-cap-hint = Empty: no limit. With 2, at most two people of one organization are seated in the room; the others wait (or follow online), and a seat one organization frees can go to another.
event-organization-cap-lifts = The limit lifts on
event-organization-cap-lifts-hint = Typically the day before: from then on, those waiting get seats as they free up, whatever their organization. Empty: the limit holds until the meeting.
organizations-merge-tick = Tick to merge
organizations-merge-into = Merge the ticked spellings into
organizations-merge-button = Merge
organizations-merge-hint = One organization written several ways: tick them and give the name to keep (empty: the first ticked). Later registrations with these spellings count for it.
done-merged = The spellings are merged into one organization.
done-merge-none = Tick at least two spellings, or one and the name to merge it into.

# Mailings to registrants.
mailings-link = Write to registrants
mailings-title = Mailings
mailings-intro = Write to a group of this meeting's registrants: each receives the text in their language, with their own links.
mailings-none = No mailing yet.
mailing-new-title = New mailing
mailing-new-intro = Choose who receives it, write the text in English and, if you wish, in French and Dutch, then preview it and review before it is sent.
mailing-group = Who receives it
mailing-group-hint = Leave a group empty to include everyone in it. Cancelled and declined registrations are never mailed.
mailing-to-modes = Attendance
mailing-to-statuses = Registration status
mailing-to-attended = Attendance so far
mailing-to-organizations = Organizations
mailing-organizations-hint = Tick none to write to every organization.
mailing-attended-any = Anyone
mailing-attended-yes = Came (checked in or joined)
mailing-attended-no = Not (yet) come
mailing-everyone = Every registrant who may be mailed
mailing-tally = { $recipients ->
    [one] This mailing goes to 1 person.
   *[other] This mailing goes to { $recipients } people.
}
mailing-tally-skipped = { $skipped ->
    [one] 1 more in the group is not mailed (cancelled, declined, erased or without an address).
   *[other] { $skipped } more in the group are not mailed (cancelled, declined, erased or without an address).
}
mailing-text = Text
mailing-placeholders-hint = Each person's own details replace these placeholders:
mailing-fallback-hint = People whose language has no text receive the English one. Links become clickable.
mailing-subject = Subject
mailing-body = Message
mailing-when = When
mailing-when-now = Now
mailing-when-later = At a set time
mailing-send-at = Send at
mailing-send-at-hint = In the meeting's time zone ({ $zone }).
mailing-preview = Preview
mailing-preview-as = Show it as
mailing-show-preview = Show the preview
mailing-send-test = Send a test to { $email }
mailing-preview-of = As { $person } will read it ({ $language })
mailing-nobody = Nobody in this group can be mailed yet.
mailing-test-sent = A test, as { $person } will read it, is on its way to { $email }.
mailing-review = Review before sending
mailing-review-title = Check and send
mailing-languages = Written in
mailing-edit = Back to editing
mailing-confirm-schedule = Schedule for { $at }
mailing-confirm-now = { $count ->
    [one] Send to 1 person now
   *[other] Send to { $count } people now
}
mailing-status = Status
mailing-status-scheduled = Scheduled
mailing-status-sending = Sending
mailing-status-sent = Sent
mailing-status-cancelled = Cancelled
mailing-figures = Mails
mailing-figures-line = { $sent } of { $recipients } sent
mailing-failed-count = { $failed } failed
mailing-skipped-count = { $skipped } not mailed
mailing-by = Written by
mailing-written-by = { $who }, { $when }
mailing-count-recipients = Recipients
mailing-count-skipped = Not mailed
mailing-skipped-hint = Not mailed: in the group, but cancelled, declined, erased or without an address when sending started.
mailing-following = This page follows the sending and refreshes by itself.
mailing-cancel = Cancel this scheduled mailing
mailing-retry-all = { $failed ->
    [one] Send the failed mail again
   *[other] Send the { $failed } failed mails again
}
mailing-recipients = Recipients
mailing-language = Language
mailing-actions = Actions
mailing-erased = (personal data erased)
mailing-retry-one = Send again
mailing-more = { $count ->
    [one] And 1 more recipient, already sent or on its way.
   *[other] And { $count } more recipients, already sent or on their way.
}
mailing-done-cancelled = The mailing is cancelled: nothing of it will be sent.
mailing-done-retried = The failed mail goes out again.
mailing-done-created = The mailing is written. Its mails go out now, or at the time you set.
mail-kind-mailing = Mailing
mail-kind-mailing_test = Test of a mailing
registrations-write = Write to these people
history-mailing = Mailing “{ $subject }”
