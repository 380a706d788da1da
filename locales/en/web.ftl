## Public pages and shared page pieces.

skip-to-content = Skip to content
language-switch = Language
language-en = English
language-fr = Français
language-nl = Nederlands
footer-powered = Powered by Convene
required = required
yes = Yes
no = No
title-error-prefix = Error:
error-summary-title = There is a problem

not-found-title = Page not found
not-found-text = There is no page at this address. If you followed a link from a mail, check that it was copied whole.
forbidden-title = Not allowed
forbidden-text = You may not do this here. If you think this is a mistake, go back, reload the page and try again.

field-first_name = First name
field-last_name = Last name
field-name = Name
field-email = Email address
field-organization = Organization
field-mode = How will you attend?
field-consent = Consent
field-language = Language for mails
field-answers = Answers

online-after-registration = The personal stream link is sent after registration.
register-heading = Register
email-hint = Your confirmation and personal link are sent to this address.
consent-label = I agree that the organizers keep my details to manage this meeting and count attendance.
consent-retention = They are erased { $days ->
        [one] one day
       *[other] { $days } days
    } after it ends.
register-button = Register
lost-link-question = Already registered and lost your link?

seats-unlimited = places available
seats-waitlist = full: you join the waiting list
seats-full = full
seats-left = { $count ->
    [one] 1 seat left
   *[other] { $count } seats left
}

event-cancelled = This meeting has been cancelled.
registration-closed = Registration for this meeting is closed.
already-registered = You are already registered with this email address. We have mailed your personal link again.

error-required = Fill in this field.
error-email = Enter an email address such as name@example.org.
error-consent = Tick the box to agree, so that we can register you.
error-mode = Choose in person or online.
error-choice = Choose one of the options.
error-full = No seat is free in that mode any more.
error-switch-closed = The meeting has started: the way you attend can no longer change.

manage-title = Your registration
registered-confirmed = You are registered. A confirmation is on its way to your mailbox.
registered-waitlist = You are on the waiting list. We will mail you as soon as a seat frees up.
status-confirmed = Confirmed
status-waitlisted = On the waiting list
status-cancelled = Cancelled
join-button = Follow the meeting online
switch-heading = Change how you attend
switch-to = Switch to { $mode }
edit-heading = Your details
save-button = Save changes
cancel-heading = Cancel your registration
cancel-button = Cancel my registration
register-again = Register again
cancel-confirm-title = Cancel your registration?
cancel-confirm-text = Your place at { $event } will be given to someone else.
cancel-confirm-button = Yes, cancel my registration
cancel-keep = No, keep my registration

lost-link-title = Lost your link?
lost-link-text = Enter the email address you registered with. If a registration exists, we mail you its personal link.
lost-link-button = Send my link
lost-link-sent = If a registration exists for that address, its personal link is on its way.
back-to-event = Back to the event

multi-hint = Tick all that apply.
done-switched = { $status ->
    [waitlisted] You are now on the waiting list to attend { $mode ->
        [in_person] in person
       *[online] online
    }.
   *[other] { $mode ->
        [in_person] You now attend in person. Your ticket is below, and on its way by mail.
       *[online] You now attend online. Your stream link is below, and on its way by mail.
    }
}
done-cancelled = Your registration is cancelled. A confirmation is on its way by mail.
done-saved = Saved. Changed: { $fields }.
done-nothing-changed = Saved. Nothing had changed.
room-full-online-waitlist = The room is full, but you can follow the meeting online. You may also join the waiting list for a seat: if one frees up before the meeting, we confirm it by mail; until then you can follow online.
room-full-online = The room is full, but you can follow the meeting online.
room-full-waitlist = The room is full. You may join the waiting list: if a seat frees up before the meeting, we confirm it by mail.
room-full = The room is full.

# Time zones as readers name them (`zone-<iana name>`), offsets added by the code.
zone-europe-brussels = Brussels time
zone-europe-amsterdam = Amsterdam time
zone-europe-paris = Paris time
zone-europe-luxembourg = Luxembourg time
zone-europe-berlin = Berlin time
zone-europe-london = London time
zone-europe-lisbon = Lisbon time
zone-europe-madrid = Madrid time
zone-europe-rome = Rome time
zone-europe-warsaw = Warsaw time
zone-europe-athens = Athens time
zone-europe-istanbul = Istanbul time
zone-other = { $city } time
error-generic = Something went wrong. Nothing was changed.
error-code-validation = Some of what was sent cannot be used. Nothing was changed.
error-code-conflict = This change is not possible now. Nothing was changed.
error-code-bad-request = This request could not be read. Go back and try again.
error-code-payload-too-large = What was sent is too large.
error-code-rate-limited = Too many attempts. Wait a minute and try again.
error-code-internal = Something went wrong on our side. It has been logged; try again in a moment.
error-code-registration-closed = Registration for this event is closed.
error-code-capacity-full = No seat is free in that mode any more.
privacy-notice = Privacy notice
privacy-notice-read = How we use your details: the privacy notice (opens in a new tab)
meta-description = Registration and attendance: { $organizer }.
stop-title = Invitations to future editions
stop-text = Stop inviting { $email } to future editions of our meetings? You will not be mailed invitations any more. Registrations you already have stay as they are.
stop-button = Stop invitations
stop-done = Done: { $email } will not be invited to future editions.
stop-done-more = Changed your mind? Tick "Invite me to future editions" the next time you register.
programme-heading = Programme
programme-times = Times are { $zone }.
future-invitations-label = Invite me to future editions of this meeting
future-invitations-hint = Optional. We keep your name, organization and email for that alone; every invitation has a link to stop them.
secret-unavailable = Your ticket cannot be shown here at the moment. Show the ticket from your confirmation mail at the entrance, or ask the organizers for a new link.

## The registrant's data
data-heading = Your personal data
data-hint = We keep your details until { $days } days after the meeting, then erase them. You can download everything we hold about you, or have it erased now.
data-download = Download my data (JSON)
forget-link = Erase my details…
forget-title = Erase your details?
forget-what = Your name, address, answers, ticket and links for “{ $event }” will be erased, with the mails we wrote to you. This link stops working at once.
forget-seat = Your registration is cancelled first; a place it frees goes to the next person waiting.
forget-final = This cannot be undone. The organizers keep only a count of registrations.
forget-button = Erase my details
forgotten-title = Your details are erased
forgotten-text = We no longer hold your name, address or answers for this meeting, and your links no longer work. Thank you.

## Who may register (an event's access rule).
status-pending = Request waiting for review
status-declined = Request declined
request-heading = Ask to attend
request-button = Send my request
access-invitation-title = Registration is by invitation
access-invitation-yours = You are invited: your details are filled in below. Check them, choose how you attend and confirm.
access-invitation-text = To register, open the personal link in your invitation mail.
access-invitation-lost = Lost your invitation? We can send it again.
access-invitation-domains = Staff of partner organizations may also register below with their work address ending in { $domains }.
access-approval-title = Registration needs the organizers' approval
access-approval-text = Send your request below: it does not reserve a seat yet. The organizers review requests as they arrive and answer each one by mail. Requests are taken until { $until }.
not-invited = This address is not on the invitation list. Use the personal link from your invitation mail, or ask for it again with the link below.
registered-pending = Your request is sent. The organizers will mail you their decision; a copy of your request is on its way to your mailbox.
pending-explained = The organizers have not decided yet. No seat is reserved for you until they accept your request; you will hear from them by mail.
declined-explained = The organizers could not accept your request for this meeting.
withdraw-heading = Withdraw your request
withdraw-button = Withdraw my request
lost-link-text-invited = Enter your email address. If you are registered or invited, we mail you your personal link.
lost-link-sent-invited = If that address is registered or invited, its personal link is on its way.

## Fair seats for partner organizations, and handing a seat to a colleague.
organization-full-wait = Join the waiting list for the room instead
organization-full-hint = Your organization has used its seats in the room. You can follow online, or join the waiting list for the room.
waiting-organization-cap = Your organization has used its seats in the room, so you are on the waiting list. If one of its seats frees up, or the limit lifts before the meeting, the seat goes to you in order.
transfer-heading = Send a colleague in your place
transfer-offer = Cannot come? Hand your registration to a colleague: they keep your place and get their own ticket and link.
transfer-link = Hand my registration to a colleague…
transfer-title = Hand your registration to a colleague
transfer-intro = Your colleague takes your place as it is (in the room, online or on the waiting list) and receives their own ticket and personal link by mail.
transfer-email-hint = Your colleague's confirmation and personal link are sent to this address.
transfer-next = Continue
transfer-keep = Keep my registration
transfer-change = Change these details
transfer-confirm = Hand your registration to { $name } ({ $email })?
transfer-consequences = Your ticket and your personal link stop working at once, your details are erased from this registration, and we mail you a notice. This cannot be undone.
transfer-confirm-button = Yes, hand it over
transferred-title = Registration handed over
transferred-done = Your registration now belongs to { $name }. We have mailed them their ticket and personal link.
transferred-erased = Your details are erased from it, and your former link no longer opens anything.
