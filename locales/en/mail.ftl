## Mails. Arguments: $name (first name), $event (event title), $from / $to (attendance modes).

greeting = Dear { $name },
signature = Kind regards,
signature-team = The organizers
signature-questions = Questions? Reply to this mail or write to { $email }.

subject-confirmation = Your registration: { $event }
subject-promoted = A seat is free for you: { $event }
subject-mode-switched = Your attendance has changed: { $event }
subject-waitlisted = You are on the waiting list: { $event }
subject-cancelled = Registration cancelled: { $event }
subject-manage-link = Your registration link: { $event }
subject-no-seat-freed = No seat freed up: { $event }
subject-event-updated = Updated: { $event }
subject-event-cancelled = Cancelled: { $event }
subject-reminder = Reminder: { $event }

confirmation-in-person = Your seat is confirmed. Show the QR code below (or the ticket code) at the entrance.
confirmation-online = Your online place is confirmed. Use your personal link below to follow the meeting.
promoted-intro = Good news: a seat has freed up and it is yours.
mode-switched-intro = Your attendance has changed from { $from } to { $to }.
waitlisted-intro = The room is full, so you are on the waiting list. If a seat frees up before the meeting starts, it goes to you in order of registration and we will mail you at once.
waitlisted-hybrid = Meanwhile you can follow the meeting online with your personal link below, and you keep your place on the list.
cancelled-intro = Your registration has been cancelled. If this was a mistake, you can register again on the event page.
manage-link-repeated = You are already registered for this event. Here is your personal link again, to see or change your registration.
manage-link-lost = Here is your personal link to see or change your registration.
no-seat-freed-intro = The meeting is starting and unfortunately no seat in the room has freed up.
no-seat-freed-online = You can still follow the meeting online with your personal link below.
event-updated-intro = The details of the meeting have changed. The new calendar entry is attached.
event-cancelled-intro = We are sorry: this meeting has been cancelled. The calendar entry is withdrawn.
reminder-intro = This is a reminder of the meeting you registered for.

# Punctuation after a label (French puts a space before the colon).
colon = :
label-when = When
label-where = Where
label-online = Online
label-ticket = Ticket code
label-join = Your personal stream link
label-manage = See, change or cancel your registration
qr-alt = QR code of your ticket
manage-hint = This link is personal: do not forward it.
footer = You receive this mail because you registered for this meeting.

mode-in_person = in person
mode-label-in_person = In person
mode-label-online = Online
mode-online = online

weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Invitation from an imported partner list.
subject-invitation = You are invited: { $event }
invitation-intro = You are invited to the meeting below. Your details are already filled in on the registration page: check them, choose how you attend (in the room or online) and confirm.
label-register = Register
invitation-hint = This link is personal: it fills in the form with your details. Do not forward it.
invitation-footer = You receive this mail because the organizers invited you at this address. If you do not wish to attend, you can ignore it.
label-your-answers = Your answers
ticket-entrance = At the entrance
ticket-show = Show the QR code on your phone or on paper. If it cannot be scanned, staff type the ticket code: { $code }.
ticket-bring = Bring an identity document; your name is on the list at the door.
ticket-early = Arrive a little early: check-in takes a minute per person.
sent-for = From { $name }
label-your-registration = Your registration
label-registered-name = Name
label-registered-organization = Organization
label-registered-mode = How you attend
label-registered-status = Status
registration-status-confirmed = Confirmed
registration-status-waitlisted = On the waiting list
registration-status-cancelled = Cancelled
calendar-attached = The calendar entry is attached: open it to add the meeting to your calendar, or to update it.
invitation-steps = How it works
invitation-step-open = Open your personal link above: your name and organization are already filled in.
invitation-step-choose = Check them, choose whether you come to the room or follow online, and confirm.
invitation-step-confirmed = You receive a confirmation at once: a ticket for the room, or your personal stream link.
label-organizer-note = A message from the organizers
invitation-stop = Do not want invitations to future editions?
invitation-stop-link = Stop them here.
label-programme = Programme

## Requests at events that need the organizers' approval.
subject-request-received = Request received: { $event }
subject-approved = Your request is accepted: { $event }
subject-approved-waitlisted = Your request is accepted, on the waiting list: { $event }
subject-declined = Your request: { $event }
request-received-intro = We have received your request to attend. The organizers review each request and will mail you their decision. Until then no seat is reserved for you. You can change or withdraw your request with your personal link below.
approved-intro = The organizers have accepted your request.
approved-waitlisted-intro = The organizers have accepted your request, but the room is full at the moment, so you are on the waiting list. If a seat frees up before the meeting starts, it goes to you in order and we will mail you at once.
declined-intro = We are sorry: the organizers are unable to accept your request to attend this meeting.
registration-status-pending = Waiting for the organizers' review
registration-status-declined = Declined
greeting-anonymous = Hello,
invitation-intro-address = Here is your personal registration link for the meeting below. Open it, fill in your name, choose whether you come to the room or follow online, and confirm.
invitation-step-open-address = Open your personal link above: your email address is already filled in.
label-manage-declined = Your request, and the details we keep

## Fair seats, and registrations handed to a colleague.
waitlisted-organization-intro = Your organization has used its seats in the room, so you are on the waiting list. If one of its seats frees up, or the limit per organization lifts before the meeting starts, the seat goes to you in order and we will mail you at once.
subject-transferred = A colleague handed you their registration: { $event }
transferred-intro = A colleague handed their registration to you.
subject-transfer-notice = Your registration is handed over: { $event }
transfer-notice-intro = As you asked, your registration for the meeting below now belongs to { $name }, who has received their own ticket and personal link.
transfer-notice-erased = Your former ticket and link no longer work, and your details are erased from the registration.
transfer-notice-again = If this was not you, or you wish to come after all, register again on the event page:
transfer-notice-footer = You receive this mail because you handed your registration to a colleague.

# An organizers' mailing to registrants.
subject-mailing-test = [Test] { $subject }
mailing-test-note = This is a test. It shows the mail as { $person } will receive it.
mailing-manage = See or change your registration:
mailing-manage-link = your registration page
mailing-footer = You receive this mail because you registered for this meeting: the organizers wrote it to its registrants.
mailing-test-footer = You receive this test because you asked for it while writing a mailing; nobody else received it.
