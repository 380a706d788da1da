## Mails. Argumenten: $name (voornaam), $event (titel), $from / $to (deelnamevormen).

greeting = Beste { $name },
signature = Met vriendelijke groeten,
signature-team = De organisatoren
signature-questions = Vragen? Beantwoord deze e-mail of schrijf naar { $email }.

subject-confirmation = Uw inschrijving: { $event }
subject-promoted = Er is een plaats vrij voor u: { $event }
subject-mode-switched = Uw deelname is gewijzigd: { $event }
subject-waitlisted = U staat op de wachtlijst: { $event }
subject-cancelled = Inschrijving geannuleerd: { $event }
subject-manage-link = Uw inschrijvingslink: { $event }
subject-no-seat-freed = Geen plaats vrijgekomen: { $event }
subject-event-updated = Gewijzigd: { $event }
subject-event-cancelled = Geannuleerd: { $event }
subject-reminder = Herinnering: { $event }

confirmation-in-person = Uw plaats is bevestigd. Toon de QR-code hieronder (of de ticketcode) aan de ingang.
confirmation-online = Uw online deelname is bevestigd. Volg de vergadering via uw persoonlijke link hieronder.
promoted-intro = Goed nieuws: er is een plaats vrijgekomen en die is voor u.
mode-switched-intro = Uw deelname is gewijzigd van { $from } naar { $to }.
waitlisted-intro = De zaal is vol, dus u staat op de wachtlijst. Komt er een plaats vrij voor de vergadering begint, dan gaat die in volgorde van inschrijving naar u en mailen we u meteen.
waitlisted-hybrid = Intussen kunt u de vergadering online volgen met uw persoonlijke link hieronder; u behoudt uw plaats op de lijst.
cancelled-intro = Uw inschrijving is geannuleerd. Was dit een vergissing, dan kunt u zich opnieuw inschrijven op de pagina van het evenement.
manage-link-repeated = U bent al ingeschreven voor dit evenement. Hier is nogmaals uw persoonlijke link om uw inschrijving te bekijken of te wijzigen.
manage-link-lost = Hier is uw persoonlijke link om uw inschrijving te bekijken of te wijzigen.
no-seat-freed-intro = De vergadering begint en helaas is er geen plaats in de zaal vrijgekomen.
no-seat-freed-online = U kunt de vergadering nog steeds online volgen met uw persoonlijke link hieronder.
event-updated-intro = De gegevens van de vergadering zijn gewijzigd. De nieuwe agenda-afspraak zit in de bijlage.
event-cancelled-intro = Het spijt ons: deze vergadering is geannuleerd. De agenda-afspraak wordt ingetrokken.
reminder-intro = Een herinnering aan de vergadering waarvoor u bent ingeschreven.

# Punctuation after a label (French puts a space before the colon).
colon = :
label-when = Wanneer
label-where = Waar
label-online = Online
label-ticket = Ticketcode
label-join = Uw persoonlijke link naar de uitzending
label-manage = Uw inschrijving bekijken, wijzigen of annuleren
qr-alt = QR-code van uw ticket
manage-hint = Deze link is persoonlijk: stuur hem niet door.
footer = U ontvangt deze mail omdat u bent ingeschreven voor deze vergadering.

mode-in_person = ter plaatse
mode-label-in_person = Ter plaatse
mode-label-online = Online
mode-online = online

weekday-1 = maandag
weekday-2 = dinsdag
weekday-3 = woensdag
weekday-4 = donderdag
weekday-5 = vrijdag
weekday-6 = zaterdag
weekday-7 = zondag
month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

## Invitation from an imported partner list.
subject-invitation = Uitnodiging: { $event }
invitation-intro = U bent uitgenodigd voor de onderstaande vergadering. Uw gegevens staan al ingevuld op de inschrijvingspagina: controleer ze, kies hoe u deelneemt (ter plaatse of online) en bevestig.
label-register = Inschrijven
invitation-hint = Deze link is persoonlijk: hij vult het formulier in met uw gegevens. Stuur hem niet door.
invitation-footer = U ontvangt deze mail omdat de organisatoren u op dit adres hebben uitgenodigd. Wilt u niet deelnemen, dan kunt u hem negeren.
label-your-answers = Uw antwoorden
ticket-entrance = Aan de ingang
ticket-show = Toon de QR-code op uw telefoon of op papier. Kan hij niet worden gelezen, dan typt het onthaal de ticketcode: { $code }.
ticket-bring = Breng een identiteitsbewijs mee; uw naam staat op de lijst aan het onthaal.
ticket-early = Kom iets vroeger: het onthaal duurt een minuut per persoon.
sent-for = Namens { $name }
label-your-registration = Uw inschrijving
label-registered-name = Naam
label-registered-organization = Organisatie
label-registered-mode = Deelname
label-registered-status = Status
registration-status-confirmed = Bevestigd
registration-status-waitlisted = Op de wachtlijst
registration-status-cancelled = Geannuleerd
calendar-attached = De agenda-afspraak zit in de bijlage: open ze om de vergadering aan uw agenda toe te voegen of bij te werken.
invitation-steps = Hoe het werkt
invitation-step-open = Open uw persoonlijke link hierboven: uw naam en organisatie zijn al ingevuld.
invitation-step-choose = Controleer ze, kies of u naar de zaal komt of online volgt, en bevestig.
invitation-step-confirmed = U krijgt meteen een bevestiging: een ticket voor de zaal, of uw persoonlijke streamlink.
label-organizer-note = Een bericht van de organisatoren
invitation-stop = Wilt u geen uitnodigingen meer voor volgende edities?
invitation-stop-link = Stop ze hier.
label-programme = Programma

## Aanvragen bij evenementen die de goedkeuring van de organisatoren vragen.
subject-request-received = Aanvraag ontvangen: { $event }
subject-approved = Uw aanvraag is aanvaard: { $event }
subject-approved-waitlisted = Uw aanvraag is aanvaard, op de wachtlijst: { $event }
subject-declined = Uw aanvraag: { $event }
request-received-intro = We hebben uw aanvraag om deel te nemen goed ontvangen. De organisatoren bekijken elke aanvraag en mailen u hun beslissing. Tot dan is er geen plaats voor u gereserveerd. U kunt uw aanvraag wijzigen of intrekken met uw persoonlijke link hieronder.
approved-intro = De organisatoren hebben uw aanvraag aanvaard.
approved-waitlisted-intro = De organisatoren hebben uw aanvraag aanvaard, maar de zaal is op dit moment vol: u staat dus op de wachtlijst. Komt er voor het begin van de bijeenkomst een plaats vrij, dan krijgt u die op volgorde en mailen we u meteen.
declined-intro = Het spijt ons: de organisatoren kunnen uw aanvraag om deel te nemen aan deze bijeenkomst niet aanvaarden.
registration-status-pending = Wacht op beoordeling door de organisatoren
registration-status-declined = Geweigerd
greeting-anonymous = Hallo,
invitation-intro-address = Hier is uw persoonlijke inschrijvingslink voor de bijeenkomst hieronder. Open hem, vul uw naam in, kies of u naar de zaal komt of online volgt, en bevestig.
invitation-step-open-address = Open uw persoonlijke link hierboven: uw e-mailadres is al ingevuld.
label-manage-declined = Uw aanvraag, en de gegevens die we bewaren

## Eerlijke plaatsen, en inschrijvingen overgedragen aan een collega.
waitlisted-organization-intro = Uw organisatie heeft haar plaatsen in de zaal gebruikt, dus u staat op de wachtlijst. Komt een van haar plaatsen vrij, of vervalt de limiet per organisatie voor het begin van de bijeenkomst, dan krijgt u de plaats op volgorde en mailen we u meteen.
subject-transferred = Een collega heeft u zijn inschrijving gegeven: { $event }
transferred-intro = Een collega heeft u zijn inschrijving gegeven.
subject-transfer-notice = Uw inschrijving is overgedragen: { $event }
transfer-notice-intro = Zoals u vroeg, is uw inschrijving voor de bijeenkomst hieronder nu van { $name }, die een eigen ticket en persoonlijke link heeft gekregen.
transfer-notice-erased = Uw vroegere ticket en link werken niet meer, en uw gegevens zijn uit de inschrijving gewist.
transfer-notice-again = Was u dit niet, of wilt u toch komen? Schrijf u opnieuw in op de pagina van het evenement:
transfer-notice-footer = U krijgt deze mail omdat u uw inschrijving aan een collega hebt gegeven.

# An organizers' mailing to registrants.
subject-mailing-test = [Test] { $subject }
mailing-test-note = Dit is een test. Zo ontvangt { $person } deze mail.
mailing-manage = Uw inschrijving bekijken of wijzigen:
mailing-manage-link = uw inschrijvingspagina
mailing-footer = U ontvangt deze mail omdat u bent ingeschreven voor deze vergadering: de organisatoren schreven hem aan de ingeschrevenen.
mailing-test-footer = U krijgt deze test omdat u erom vroeg bij het schrijven van een mailing; niemand anders kreeg hem.
