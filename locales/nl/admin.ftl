## Beheeromgeving (organisatoren, beheerders, onthaalpersoneel).

admin-nav = Beheeromgeving
nav-events = Evenementen
nav-tokens = API-tokens
nav-users = Gebruikers
logout = Afmelden ({ $email })
field-password = Wachtwoord
login-title = Aanmelden
login-button = Aanmelden
login-failed = Het e-mailadres of het wachtwoord klopt niet.
login-throttled = Te veel pogingen. Wacht een minuut en probeer het opnieuw.
error-title = Er is iets misgegaan
go-back = Ga terug naar de vorige pagina en probeer het opnieuw.
actions = Acties

event-new = Nieuw evenement
event-edit = Evenement bewerken
event-title = Titel
event-slug = Adres van de evenementpagina
event-slug-hint = Kleine letters, cijfers en koppeltekens; blijft dit leeg, dan wordt het adres uit de titel gemaakt.
event-description = Beschrijving
event-title-fr = Titel in het Frans
event-description-fr = Beschrijving in het Frans
event-title-nl = Titel in het Nederlands
event-description-nl = Beschrijving in het Nederlands
event-section-basics = Het evenement
event-section-time = Datum en tijd
event-section-attendance = Deelname
event-starts = Begin
event-ends = Einde
event-timezone = Tijdzone
event-closes = Sluiting van de inschrijvingen
event-closes-hint = Blijft dit leeg, dan blijven de inschrijvingen open tot het einde van het evenement.
event-reminder = Herinnering, aantal uren voor het begin
event-reminder-hint = Bij 0 wordt geen herinnering verstuurd.
event-venue-fr = Locatie in het Frans
event-venue-nl = Locatie in het Nederlands
event-venue-translation-hint = Alleen als de naam verschilt, bv. Bruxelles of Brussel.
event-venue = Locatie
event-capacity-in-person = Plaatsen in de zaal
event-capacity-online = Online plaatsen
event-capacity-hint = Leeg: onbeperkt.
event-online-url = Adres van de uitzending
event-online-url-hint = Ingeschrevenen krijgen een persoonlijke link die hierheen leidt; het adres zelf staat nooit op de publieke pagina.
event-waitlist = Een wachtlijst bijhouden als het volzet is
event-status = Status
event-status-draft = Concept
event-status-published = Gepubliceerd
event-status-closed = Gesloten
event-status-cancelled = Geannuleerd
event-publish = Publiceren
event-close = Inschrijvingen sluiten
event-cancel = Het evenement annuleren
no-events = Nog geen evenementen.
open-desk = Onthaalbalie
public-page = Publieke pagina

questions-title = Eigen vragen
questions-hint = Gesteld op het inschrijvingsformulier, in deze volgorde. Een lege rij wordt overgeslagen.
question-n = Vraag { $n }
question-kind = Type
question-kind-text = Eén regel tekst
question-kind-long_text = Langere tekst (meerdere regels)
question-kind-choice = Eén keuze uit opties
question-kind-multi = Meerdere keuzes uit opties
question-kind-boolean = Ja of nee
question-required = Verplicht
question-label-en = Vraag in het Engels
question-label-fr = Vraag in het Frans
question-label-nl = Vraag in het Nederlands
question-options = Opties
question-options-hint = Voor een keuze: één optie per regel, geschreven als "English | Français | Nederlands" (of één woord voor alle talen).

counts-title = Actuele aantallen
count-confirmed = Bevestigd
count-capacity = Capaciteit
count-waitlisted = Wachtlijst
count-checked-in = Ingecheckt
count-joined = Online deelgenomen
count-total = Totaal
count-registered = Ingeschreven
count-attended = Aanwezig
count-cancelled = Geannuleerd
arrivals-title = Aankomsten in de loop van de tijd
arrivals-none = Er is nog niemand ingecheckt.
absent-title = Nog niet ingecheckt, per organisatie
absent-count = Bevestigd ter plaatse, niet ingecheckt
absent-none = Iedereen die voor de zaal bevestigd is, is ingecheckt.
mail-title = Mails
mail-status-pending = In de wachtrij
mail-status-sending = Wordt verzonden
mail-status-sent = Verzonden
mail-status-failed = Mislukt
mail-status-deferred = Uitgesteld
mail-deferred-until = Boven de grens van 5 e-mails per uur naar dit adres: het vertrekt om { $when } met de laatste stand.
mail-kind = Soort mail
mail-error = Laatste fout
mail-attempts = Pogingen
mail-resend = Opnieuw versturen

registrations-title = Inschrijvingen
registrations-count = { $count ->
    [one] 1 inschrijving
   *[other] { $count } inschrijvingen
}
search-label = Zoeken op naam, e-mail of organisatie
filter-all = Alle
filter-button = Filteren
checked-in = ingecheckt
action-promote = Plaats toekennen
action-resend = Bevestiging opnieuw versturen
action-cancel = Annuleren
notice-cancelled = De inschrijving is geannuleerd.
notice-switched = De deelnamevorm is gewijzigd.
notice-promoted = De inschrijving is van de wachtlijst gehaald.
notice-resent = De bevestiging staat opnieuw in de wachtrij.
notice-full = Er is geen vrije plaats meer in die vorm.
notice-is-cancelled = Die inschrijving is geannuleerd.
notice-not-possible = Dat kan niet voor deze inschrijving.
pages = Pagina's
page-previous = Vorige pagina
page-next = Volgende pagina
page-of = Pagina { $page } van { $pages }

user-role = Rol
role-admin = Beheerder
role-organizer = Organisator
role-checkin = Onthaalpersoneel
user-active = Actief
user-disabled = Gedeactiveerd
user-enable = Activeren
user-disable = Deactiveren
user-add = Account toevoegen
user-created = Account { $email } aangemaakt. Het wachtwoord wordt maar één keer getoond: geef het nu door.
tokens-hint = Met tokens kunnen scripts de API in uw naam aanroepen. Een nieuw token wordt maar één keer getoond.
token-name = Naam
token-created-at = Aangemaakt op
token-new = Token aanmaken
token-created = Uw nieuwe token, maar één keer getoond:
token-revoke = Intrekken
export-title = Deelnemerslijsten
export-people-xlsx = Excel-werkmap om te lezen (.xlsx)
export-people-csv = CSV om te lezen (Excel in België)
export-excel-be = Voor scripts: CSV met ; en BOM
export-csv = Voor scripts: CSV (komma)
export-xlsx = Voor scripts: Excel-werkmap (.xlsx)
export-print = Afdrukbare onthaallijst
export-last-choice = uw laatste keuze
import-title = Een partnerlijst importeren
import-file = CSV-bestand
import-file-hint = Kolommen voornaam, achternaam, e-mail, organisatie, taal, modus (in elke volgorde, koppen in het Engels, Frans of Nederlands; andere kolommen worden genegeerd). De modus mag "ter plaatse" / "in person" / "sur place" of "online" / "en ligne" zijn.
import-dry-run = Proefrun: elke rij controleren, niets opslaan
import-notify = Elke geïmporteerde partner de bevestiging mailen
import-invite = In plaats van inschrijven, elke partner een persoonlijke uitnodiging mailen
import-button = Importeren
import-report = Importverslag
import-report-dry = Verslag van de proefrun (er werd niets opgeslagen)
import-rows = Rijen
import-created = Aangemaakt
import-skipped = Overgeslagen
import-line = Regel
import-outcome = Resultaat
import-reason = Reden
import-not-imported = Niet geïmporteerde rijen
import-all-imported = Alle rijen zijn geïmporteerd.
import-job-queued = Wacht om te beginnen
import-job-running = Bezig met importeren
import-job-done = Import klaar
import-job-failed = Import gestopt
import-job-progress = { $done } van { $total } rijen verwerkt
import-job-leave = Deze pagina volgt de import vanzelf. U mag ze verlaten: de import gaat door.
import-job-stopped = Het evenement nam tijdens de import geen inschrijvingen meer aan; de rijen hieronder werden daarvoor verwerkt.
event-create-button = Evenement aanmaken
checkin-list-title = Onthaallijst
checkin-list-counts = { $count ->
    [one] 1 inschrijving
   *[other] { $count } inschrijvingen
}: { $in_person } ter plaatse, { $online } online, { $waitlisted } op de wachtlijst.
checkin-list-printed = Afgedrukt op { $date }.
checkin-list-print-hint = Druk deze pagina af (Ctrl+P) om een papieren lijst aan de ingang te hebben.
checkin-list-mode = Deelname
checkin-list-status = Status
checkin-list-empty = Nog geen inschrijvingen.
import-outcome-created = Ingeschreven
import-outcome-invited = Uitnodiging verstuurd
import-outcome-already_registered = Al ingeschreven
import-outcome-already_invited = Al uitgenodigd
import-outcome-duplicate_in_file = Dubbel in het bestand
import-outcome-invalid_email = E-mailadres ongeldig
import-outcome-missing_name = Naam ontbreekt
import-outcome-invalid_mode = Manier van deelnemen niet begrepen
import-outcome-invalid_language = Taal niet begrepen
import-outcome-invalid_field = Een cel kan niet worden gebruikt
import-outcome-invalid_answers = Antwoorden ongeldig
import-outcome-mode_not_offered = Manier van deelnemen niet aangeboden
import-outcome-capacity_full = Volzet
import-outcome-registration_closed = Inschrijvingen gesloten
arrivals-desc = Aankomsten aan het onthaal per kwartier ({ $zone }).
arrivals-time = Tijd
arrivals-count = Aankomsten
arrivals-bar = Aandeel van het drukste kwartier
summary-room-empty = Nog niemand is bevestigd voor de zaal.
summary-room-full = De zaal is vol: { $capacity } plaatsen bezet.
summary-room-taken = { $confirmed } van { $capacity } plaatsen bezet.
summary-room-unlimited = { $confirmed } bevestigd voor de zaal (geen limiet).
summary-waiting = { $count ->
    [one] 1 persoon wacht op een plaats.
   *[other] { $count } personen wachten op een plaats.
}
summary-door-none = Nog niemand is aangekomen.
summary-door-some = { $checked } van { $confirmed } zijn aangekomen.
summary-door-all = Iedereen die voor de zaal bevestigd is, is aangekomen ({ $count }).
summary-online-empty = Nog niemand is ingeschreven om online te volgen.
summary-online-registered = { $count ->
    [one] 1 persoon is ingeschreven om online te volgen.
   *[other] { $count } personen zijn ingeschreven om online te volgen.
}
summary-joined-none = Nog niemand heeft de stream geopend.
summary-joined = { $count ->
    [one] 1 persoon heeft de stream geopend.
   *[other] { $count } personen hebben de stream geopend.
}
checkin-list-arrived = ingecheckt om { $time }
nav-settings = Instellingen
settings-intro = Wie organiseert: partners zien deze naam, dit logo en deze kleur op elke publieke pagina, en de naam, het contact en de privacyverklaring in elke e-mail.
settings-who = De organisatie
settings-name-en = Naam in het Engels
settings-name-fr = Naam in het Frans
settings-name-nl = Naam in het Nederlands
settings-name-hint = Voor een lege taal wordt het Engels gebruikt.
settings-contact = Contactadres
settings-contact-hint = Antwoorden op e-mails komen hier aan, en agenda's vermelden het als organisator.
settings-privacy = Privacyverklaring
settings-privacy-hint = Het inschrijvingsformulier verwijst ernaar naast het toestemmingsvakje.
settings-privacy-en = Privacyverklaring in het Engels
settings-privacy-fr = Privacyverklaring in het Frans
settings-privacy-nl = Privacyverklaring in het Nederlands
settings-look = Uitzicht
settings-accent = Accentkleur
settings-accent-hint = Links en knoppen. Een kleur die te licht is om te lezen, wordt donkerder gemaakt tot ze leesbaar is.
settings-accent-none = Het blauw van Convene gebruiken
settings-logo = Logo
settings-logo-hint = PNG of JPEG, hoogstens 512 KiB. Bovenaan publieke pagina's en in e-mails.
settings-logo-choose = Logobestand
settings-logo-upload = Het logo opladen
settings-logo-remove = Het logo verwijderen
settings-logo-current = Het huidige logo
settings-preview = Voorbeeld
settings-preview-hint = Hoe een publieke pagina en een e-mail eruitzien (de kleur en de naam volgen wat u typt).
settings-preview-no-name = (nog geen naam: pagina's tonen "Convene")
settings-preview-mail = Een e-mail
settings-preview-from = Van
settings-preview-reply = Antwoorden naar
settings-preview-signature = Ondertekend
settings-saved = De instellingen zijn opgeslagen.
settings-logo-saved = Het logo is opgeslagen.
settings-logo-removed = Het logo is verwijderd.
export-column-first-name = Voornaam
export-column-last-name = Achternaam
export-column-email = E-mail
export-column-organization = Organisatie
export-column-mode = Deelname
export-column-status = Status
export-column-language = Taal
export-column-registered-at = Ingeschreven op
export-column-checked-in-at = Aangekomen om
export-column-joined-online-at = Online gevolgd vanaf
desk-link-qr-alt = QR-code van de onthaallink
desk-link-scan = Scan hem met de telefoon van de vrijwilliger, of kopieer de link en stuur hem door.
desk-link-copy = De link kopiëren
desk-link-copied = Gekopieerd.
event-reopen = Inschrijvingen heropenen
confirm-cancel-title = Het evenement annuleren?
confirm-cancel-what = { $count ->
    [0] Niemand is ingeschreven: niemand krijgt een e-mail.
    [one] 1 ingeschreven persoon krijgt meteen een e-mail dat de vergadering geannuleerd is, met de agenda-afspraak ingetrokken.
   *[other] { $count } ingeschreven personen krijgen meteen een e-mail dat de vergadering geannuleerd is, met de agenda-afspraak ingetrokken.
}
confirm-cancel-final = Een geannuleerd evenement kan niet opnieuw worden geopend.
confirm-note = Een bericht voor de ingeschrevenen (niet verplicht)
confirm-note-hint = Het staat in de annuleringsmail, bv. waarom, en wat er nu volgt.
confirm-type-title = Typ de titel van het evenement om te bevestigen
confirm-type-title-hint = Typ: { $title }
confirm-cancel-button = { $count ->
    [0] Het evenement annuleren
    [one] Het evenement annuleren en 1 persoon mailen
   *[other] Het evenement annuleren en { $count } personen mailen
}
confirm-keep = Niets veranderen
confirm-close-title = De inschrijvingen sluiten?
confirm-close-what = Niemand kan zich nog inschrijven; wie ingeschreven is, houdt zijn plaats en krijgt geen e-mail. U kunt de inschrijvingen altijd heropenen.
confirm-close-button = De inschrijvingen sluiten
done-event-cancelled = { $count ->
    [0] Het evenement is geannuleerd. Niemand was ingeschreven, dus niemand krijgt een e-mail.
    [one] Het evenement is geannuleerd. 1 persoon krijgt een e-mail.
   *[other] Het evenement is geannuleerd. { $count } personen krijgen een e-mail.
}
done-event-closed = De inschrijvingen zijn gesloten. U kunt ze altijd heropenen.
done-event-published = De inschrijvingen zijn open.
event-held = Plaatsen vrijgehouden voor sprekers en gastheren
event-held-hint = Deel van de capaciteit ter plaatse, nooit aan het publiek aangeboden. Ken ze toe vanaf de pagina met inschrijvingen.
programme-title = Programma
programme-hint = Getoond op de inschrijvingspagina en in de bevestigingsmail, in de taal van de lezer. Tijden in de tijdzone van het evenement.
programme-item-n = Onderdeel { $n }
programme-starts = Begin
programme-ends = Einde (optioneel)
programme-title-en = Titel in het Engels
programme-title-fr = Titel in het Frans
programme-title-nl = Titel in het Nederlands
programme-speakers = Sprekers
programme-speakers-hint = Eén per regel, bv. "Sammy Mahdi, staatssecretaris voor Asiel en Migratie".
programme-add = Programmaonderdeel toevoegen
programme-remove = Dit onderdeel verwijderen
question-add = Vraag toevoegen
question-remove = Deze vraag verwijderen
question-label-en-hint = Verplicht. De sleutel van de vraag voor exports en de API wordt er eenmalig van afgeleid.
question-key-shown = Exports en de API noemen ze "{ $key }".
row-up = Omhoog
row-down = Omlaag
row-remove = Verwijderen
copy-title = Kopiëren naar een nieuwe editie
copy-what = Maakt een ontwerp met dezelfde teksten, vertalingen, vragen, programma, plaatsen en ingangsinstellingen, op de nieuwe data. Nog niemand is ingeschreven of uitgenodigd.
copy-zone = In { $zone }-tijd, zoals dit evenement.
copy-button = Kopie maken
done-copied = Dit is de kopie, nog een ontwerp. Kijk ze na en publiceer ze dan.
invite-title = Een vorige editie uitnodigen
invite-publish-first = Publiceer dit evenement eerst: uitnodigingen leiden naar het inschrijvingsformulier.
invite-no-earlier = Er is geen eerder evenement om deelnemers uit uit te nodigen.
invite-what = { $count ->
    [0] Elke persoon krijgt een persoonlijke link die het formulier voor hem invult, in zijn taal.
    [one] Elke persoon krijgt een persoonlijke link die het formulier voor hem invult, in zijn taal. De persoon die vroeg om uitgenodigd te worden voor volgende edities, wordt ook uitgenodigd.
   *[other] Elke persoon krijgt een persoonlijke link die het formulier voor hem invult, in zijn taal. De { $count } personen die vroegen om uitgenodigd te worden voor volgende edities, worden ook uitgenodigd.
}
invite-from = De deelnemers uitnodigen van
invite-who = Wie
invite-who-attended = Wie kwam (ingecheckt of online verbonden)
invite-who-all = Iedereen die zich inschreef en niet annuleerde
invite-skipped = Niemand wordt twee keer uitgenodigd: wie hier al ingeschreven of uitgenodigd is, en wie geen uitnodigingen meer wil, wordt overgeslagen.
invite-button = Uitnodigingen versturen
done-invited = { $count ->
    [0] Niemand nieuw om uit te nodigen: iedereen is al ingeschreven of uitgenodigd.
    [one] 1 uitnodiging is onderweg.
   *[other] { $count } uitnodigingen zijn onderweg.
}
edition-title = Volgende editie
edition-hint = Maak de bijeenkomst van volgend jaar vanuit deze, en nodig dan wie kwam uit.
count-held = Vrijgehouden voor sprekers en gastheren
count-held-given = { $given } van { $held } toegekend
registration-status = Status
filter-attended = Aanwezig
filter-attended-yes = Gekomen (ingecheckt of online)
filter-attended-no = (Nog) niet gekomen
held-new = Een vrijgehouden plaats geven aan iemand nieuw
held-badge = vrijgehouden plaats
held-new-what = Voor een spreker of gastheer: een plaats die niet aan het publiek wordt aangeboden ({ $given } van { $held } toegekend). De persoon krijgt de gewone bevestiging met ticket.
held-new-email-hint = De bevestiging en het ticket gaan naar dit adres.
held-new-button = Plaats geven
badges-title = Naambadges
badges-count = { $count ->
    [0] Geen bevestigde inschrijving ter plaatse past bij de filters: er is geen badge om af te drukken.
    [one] 1 badge, voor de bevestigde inschrijving ter plaatse die bij de filters van de lijst past.
   *[other] { $count } badges, voor de bevestigde inschrijvingen ter plaatse die bij de filters van de lijst passen.
}
badges-hint = Druk af op A4-vellen met 8 etiketten van 85 × 54 mm, op 100 % (niet "passend maken"), zonder marges of kopteksten.
badges-sheet = Vel { $n }
bulk-label = Met de aangevinkte personen
bulk-resend = Hun bevestiging opnieuw sturen
bulk-switch = Hun deelnamewijze wijzigen…
bulk-cancel = Hun inschrijving annuleren…
bulk-button = Uitvoeren
bulk-select-all = Iedereen op deze pagina aanvinken
bulk-select = { $name } aanvinken
column-registered = Ingeschreven
column-attended = Gekomen
row-menu = Acties
row-open = Openen
action-hold = Vrijgehouden plaats geven
action-cancel-ellipsis = Annuleren…
attended-checked-in = Ingecheckt { $time }
attended-joined = Online { $time }
done-people-cancelled-one = De inschrijving van { $name } is geannuleerd; de persoon krijgt een mail.
done-people-switched-one = { $name } neemt nu op de andere manier deel; de persoon krijgt een mail.
done-people-promoted-one = { $name } heeft nu een plaats; de persoon krijgt een mail.
done-people-held-one = { $name } heeft nu een vrijgehouden plaats.
done-people-resent-one = De bevestiging van { $name } is opnieuw onderweg.
done-people-full-one = Geen vrije plaats voor { $name } op die manier. Er is niets gewijzigd.
done-people-is-cancelled-one = De inschrijving van { $name } is geannuleerd: er is niets gewijzigd.
done-people-not-possible-one = Dat kan nu niet voor { $name }. Er is niets gewijzigd.
done-people-cancelled = { $count ->
    [one] 1 inschrijving is geannuleerd; de persoon krijgt een mail.
   *[other] { $count } inschrijvingen zijn geannuleerd; elke persoon krijgt een mail.
}
done-people-switched = { $count ->
    [one] 1 persoon neemt nu op de andere manier deel en krijgt een mail.
   *[other] { $count } personen nemen nu op de andere manier deel; elk krijgt een mail.
}
done-people-resent = { $count ->
    [0] Niemand van de aangevinkte personen is nog ingeschreven: er is niets verstuurd.
    [one] 1 bevestiging is opnieuw onderweg.
   *[other] { $count } bevestigingen zijn opnieuw onderweg.
}
done-people-full = Voor een van de wijzigingen was geen plaats vrij, dus niemand is gewijzigd. Er is niets gewijzigd.
done-people-not-possible = Dat kan nu niet voor een van de personen, dus er is niets gewijzigd.
done-people-none-selected = Vink eerst minstens één persoon aan.
people-confirm-cancel-title = { $count ->
    [one] Deze inschrijving annuleren?
   *[other] { $count } inschrijvingen annuleren?
}
people-confirm-switch-title = { $count ->
    [one] De deelnamewijze van deze persoon wijzigen?
   *[other] De deelnamewijze van { $count } personen wijzigen?
}
people-confirm-none = Niemand in deze selectie is nog ingeschreven: er is niets te doen.
people-confirm-cancel-what = { $count ->
    [one] De persoon hieronder verliest zijn plaats en krijgt een annulering met de annulering van de agenda-afspraak. Een vrijgekomen plaats gaat meteen naar de wachtlijst.
   *[other] De { $count } personen hieronder verliezen hun plaats en krijgen elk een annulering met de annulering van de agenda-afspraak. Vrijgekomen plaatsen gaan meteen naar de wachtlijst.
}
people-confirm-switch-what = { $count ->
    [one] De persoon hieronder gaat naar de andere deelnamewijze, als daar een plaats vrij is, en krijgt een nieuw ticket of een streamlink.
   *[other] De { $count } personen hieronder gaan naar de andere deelnamewijze en krijgen elk een nieuw ticket of een streamlink. Vindt een van hen geen plaats, dan wijzigt niemand.
}
people-note-hint = Het staat in elke annuleringsmail, bv. waarom en wat er verder gebeurt.
people-confirm-cancel-button = { $count ->
    [one] Annuleren en de persoon mailen
   *[other] Annuleren en { $count } personen mailen
}
people-confirm-switch-button = { $count ->
    [one] Wijzigen en de persoon mailen
   *[other] Wijzigen en { $count } personen mailen
}
person-consent = Gegeven op { $when } ({ $how })
person-ticket = Ticketcode
person-details = Gegevens en antwoorden
person-mails = Mails
person-mail-queued = In wachtrij
person-mail-state = Stand
person-no-mails = Er is geen mail naar deze persoon gestuurd.
person-history = Geschiedenis
notice-edited = De gegevens zijn bewaard.
notice-held = De vrijgehouden plaats is toegekend.
history-registered = Ingeschreven ({ $mode }): { $status }
history-walk_in = Ingeschreven aan de ingang, ter plaatse
history-promoted = Plaats gekregen van de wachtlijst ({ $mode })
history-switched = Gewijzigd van { $from } naar { $to }
history-edited = Gewijzigd: { $fields }
history-cancelled = Geannuleerd
history-held_seat_given = Vrijgehouden plaats gekregen (was { $from_mode })
history-checked_in = Ingecheckt
history-check_in_undone = Check-in ongedaan gemaakt
history-exit = Zaal verlaten
history-returned = Terug in de zaal
history-joined = Online verbonden ({ $count } keer)
history-mailed = Gemaild: { $mail } ({ $status })
history-unknown = Gewijzigd
history-by-registrant = door de ingeschrevene
history-by-organizer = door { $who }
history-by-desk = aan de balie { $who }
history-by-system = door Convene
mail-kind-confirmation = Bevestiging
mail-kind-waitlisted = Wachtlijst
mail-kind-cancelled = Annulering
mail-kind-manage_link = Hun link opnieuw
mail-kind-no_seat_freed = Geen plaats vrijgekomen
mail-kind-event_updated = Evenement gewijzigd
mail-kind-event_cancelled = Evenement geannuleerd
mail-kind-reminder = Herinnering
mail-kind-invitation = Uitnodiging
filters-more = Filters en volgorde
sort-label = Sorteren op
sort-direction = Richting
sort-asc = Van A tot Z, oudste eerst
sort-desc = Van Z tot A, nieuwste eerst
sort-name = Naam
sort-organization = Organisatie
sort-mode = Deelname
sort-status = Status
sort-registered = Ingeschreven
sort-attended = Gekomen
person-mail-sent-at = Verstuurd op { $when }
bulk-export = Ze downloaden als rekenblad (CSV)
by-desk-title = Check-ins per balie
by-desk-desk = Balie
action-newlinks = Nieuwe links maken en mailen
notice-newlinks = Er zijn nieuwe links gemaakt: het oude ticket en de oude links werken niet meer, de nieuwe zijn onderweg naar de persoon.
notice-secret-unavailable = Het ticket en de links van deze persoon kunnen niet opnieuw verstuurd worden: de geheime sleutel van de server is niet die waarmee ze gemaakt zijn. Maak nieuwe links.
done-people-newlinks-one = { $name } heeft nieuwe links, per mail verstuurd; de oude werken niet meer.
done-people-secret-unavailable-one = Het ticket en de links van { $name } kunnen niet opnieuw verstuurd worden (de geheime sleutel van de server is veranderd): open de pagina van de persoon en maak nieuwe links.
history-new_links = Nieuw ticket en nieuwe links gemaakt

## Privacy: bewaartermijn, wissen, logboek
event-section-privacy = Persoonsgegevens
event-retention = Gegevens van ingeschrevenen bewaren, in dagen na het evenement
event-retention-hint = Namen, adressen en antwoorden worden daarna vanzelf gewist; de cijfers blijven. 180 dagen tenzij u iets anders kiest.
event-retention-hint-on = Met deze data worden ze gewist op { $when }; de cijfers blijven.
privacy-title = Persoonsgegevens
privacy-due-on = Namen, adressen en antwoorden van ingeschrevenen worden { $days } dagen na het evenement bewaard: ze worden gewist op { $when }. De cijfers blijven.
privacy-erased-on = De persoonsgegevens van de ingeschrevenen zijn gewist op { $when }. De cijfers blijven.
privacy-change = Bewaartermijn wijzigen
privacy-erase-now = Persoonsgegevens nu wissen…
done-erased = { $count ->
    [one] De persoonsgegevens van één inschrijving zijn gewist.
   *[other] De persoonsgegevens van { $count } inschrijvingen zijn gewist.
}
erase-event-title = Persoonsgegevens van dit evenement wissen
erase-event-what = { $count ->
    [0] Geen enkele inschrijving heeft nog persoonsgegevens.
    [one] Naam, adres, antwoorden, ticket en links van één inschrijving worden gewist, met de e-mails die eraan geschreven zijn.
   *[other] Namen, adressen, antwoorden, tickets en links van { $count } inschrijvingen worden gewist, met de e-mails die eraan geschreven zijn.
}
erase-kept = Bewaard: de deelnamevorm, status, organisatie, taal en tijden van elke inschrijving, zodat alle cijfers en het overzicht per organisatie gelijk blijven.
erase-final = Dit kan niet ongedaan worden gemaakt.
erase-event-button = { $count ->
    [one] Persoonsgegevens van één inschrijving wissen
   *[other] Persoonsgegevens van { $count } inschrijvingen wissen
}
erase-event-not-yet = De persoonsgegevens van een evenement kunnen in één keer gewist worden zodra het voorbij of geannuleerd is. Wis tot dan één persoon via diens pagina.
erase-person-title = Persoonsgegevens van deze persoon wissen
erase-person-what = Naam, adres, antwoorden, ticket en links van { $name } worden gewist, met de e-mails die aan hen geschreven zijn. Hun links werken meteen niet meer.
erase-person-seat = De inschrijving wordt eerst geannuleerd (een plaats die vrijkomt gaat naar de wachtlijst); de persoon krijgt geen e-mail.
erase-person-button = Persoonsgegevens wissen
action-erase-ellipsis = Persoonsgegevens wissen…
person-erased-name = Gewiste inschrijving
person-erased = Persoonsgegevens gewist op { $when }. De inschrijving telt nog mee in de cijfers.
notice-erased = De persoonsgegevens zijn gewist.
copy-retention = De kopie bewaart de gegevens van ingeschrevenen { $days } dagen na haar eigen einde, zoals dit evenement; u kunt dat wijzigen in het formulier van de nieuwe editie.
audit-title = Logboek
audit-hint = Wie ingeschrevenen exporteerde, de onthaallijst downloadde, persoonsgegevens wiste of instellingen wijzigde, nieuwste eerst. Er wordt geen ingeschrevene in genoemd.
audit-when = Wanneer
audit-who = Wie
audit-what = Wat
audit-count = Inschrijvingen
audit-none = Nog niets vastgelegd.
audit-newest = Nieuwste
audit-older = Oudere
audit-action-export = Export
audit-action-checkin-index = Onthaallijst gedownload door een onthaalbalie
audit-action-erase-event = Persoonsgegevens van het evenement gewist
audit-action-erase-person = Gegevens van één persoon gewist
audit-action-retention-erase = Gewist na afloop van de bewaartermijn
audit-action-settings-change = Instellingen gewijzigd
audit-action-mailing = Groepsmail verstuurd

## Wie zich mag inschrijven, en de wachtrij van aanvragen.
event-section-access = Wie zich mag inschrijven
event-access-open = Iedereen met de pagina van het evenement
event-access-open-hint = Inschrijvingen krijgen meteen een plaats, of komen op de wachtlijst.
event-access-invitation = Alleen genodigden
event-access-invitation-hint = Een persoonlijke uitnodigingslink (uit een geïmporteerde partnerlijst of "Een vorige editie uitnodigen"), of een adres bij een van de domeinen hieronder.
event-access-approval = Iedereen mag het vragen; de organisatoren keuren goed
event-access-approval-hint = Aanvragen krijgen geen plaats tot u ze goedkeurt in de wachtrij van aanvragen; dan krijgen ze een plaats of komen ze op de wachtlijst zoals een nieuwe inschrijving.
event-allowed-domains = Domeinen zonder uitnodiging
event-allowed-domains-hint = Eén per regel, bijvoorbeeld fedasil.be. Alleen voor evenementen op uitnodiging; het hele domein moet overeenkomen.
approvals-title = Aanvragen om deel te nemen
approvals-intro = Oudste eerst. Goedkeuren geeft elke persoon een plaats als er in hun vorm een vrij is, anders komen ze op de wachtlijst; iedereen krijgt een mail. Weigeren stuurt hun uw bericht.
approvals-not-approval = Dit evenement vraagt geen goedkeuring meer; deze aanvragen wachten nog op uw beslissing.
approvals-none = Er wacht geen aanvraag.
approvals-declined-count = { $count ->
    [one] Eén aanvraag is geweigerd.
   *[other] { $count } aanvragen zijn geweigerd.
}
approvals-count = { $count ->
    [one] Eén aanvraag wacht op uw beslissing.
   *[other] { $count } aanvragen wachten op uw beslissing.
}
approvals-approve-selected = Selectie goedkeuren
approvals-decline-selected = Selectie weigeren…
approvals-answers = Antwoorden
approvals-requested = Gevraagd op
approvals-more = Er volgen nog { $count } aanvragen; beslis eerst over deze.
approvals-done-approved = Goedgekeurd: { $seated } met een plaats, { $waitlisted } op de wachtlijst.{ $full ->
    [0] {""}
   *[other] { " " }{ $full } konden niet worden goedgekeurd: die vorm is vol en het evenement heeft geen wachtlijst.
}
approvals-done-declined = { $count ->
    [one] Eén aanvraag geweigerd; de persoon krijgt een mail.
   *[other] { $count } aanvragen geweigerd; elke persoon krijgt een mail.
}
approvals-none-selected = Vink eerst de aanvragen aan.
approvals-decline-title = { $count ->
    [one] Deze aanvraag weigeren?
   *[other] { $count } aanvragen weigeren?
}
approvals-decline-what = { $count ->
    [one] De persoon krijgt een mail dat de aanvraag geweigerd is, met uw bericht als u er een schrijft. Dit kan niet ongedaan worden gemaakt.
   *[other] Elke persoon krijgt een mail dat de aanvraag geweigerd is, met uw bericht als u er een schrijft. Dit kan niet ongedaan worden gemaakt.
}
approvals-decline-message = Bericht voor de persoon (optioneel)
approvals-decline-hint = Staat in de mail, onder "Een bericht van de organisatoren". Gewone tekst, hoogstens 2.000 tekens.
approvals-decline-button = { $count ->
    [one] Weigeren en mailen
   *[other] De { $count } weigeren en mailen
}
approvals-keep = Teruggaan zonder te weigeren
approvals-link = { $count ->
    [0] Aanvragen om deel te nemen
    [one] Eén aanvraag om deel te nemen
   *[other] { $count } aanvragen om deel te nemen
}
approvals-review = Aanvraag bekijken…
count-pending = Wachtende aanvragen
count-declined = Geweigerd
history-approved = Aanvraag goedgekeurd: { $status }
history-declined = Aanvraag geweigerd
mail-kind-request_received = Aanvraag ontvangen
mail-kind-declined = Aanvraag geweigerd
person-pending = Deze aanvraag wacht op uw beslissing: keur ze goed of weiger ze in de wachtrij van aanvragen.

## Eerlijke plaatsen voor partnerorganisaties.
history-cap_overridden = Binnengelaten boven de limiet van de organisatie
history-transferred = Aan een collega gegeven (gegevens van de vorige houder gewist)
mail-kind-transfer_notice = Bericht aan de vorige houder
import-outcome-organization_full = Plaatsen van de organisatie gebruikt
organizations-title = Per organisatie
organizations-none = Nog geen organisatie.
organizations-export = Rapport per organisatie (CSV)
organizations-column-name = Organisatie
organizations-column-in-person = Ter plaatse
organizations-column-online = Online
organizations-column-waitlisted = Wachtend
organizations-column-checked-in = Ingecheckt
organizations-column-joined = Online gevolgd
event-organization-cap = Plaatsen in de zaal per organisatie
event-organization-cap-hint = Leeg: geen limiet. Met 2 krijgen hoogstens twee mensen van eenzelfde organisatie een plaats in de zaal; de anderen wachten (of volgen online), en een plaats die een organisatie vrijmaakt kan naar een andere gaan.
event-organization-cap-lifts = De limiet vervalt op
event-organization-cap-lifts-hint = Meestal de dag ervoor: vanaf dan krijgen wachtenden de plaatsen die vrijkomen, welke organisatie ook. Leeg: de limiet geldt tot de bijeenkomst.
organizations-merge-tick = Aanvinken om samen te voegen
organizations-merge-into = Aangevinkte schrijfwijzen samenvoegen tot
organizations-merge-button = Samenvoegen
organizations-merge-hint = Eén organisatie op meerdere manieren geschreven: vink ze aan en geef de naam die blijft (leeg: de eerste aangevinkte). Latere inschrijvingen met deze schrijfwijzen tellen ervoor mee.
done-merged = De schrijfwijzen zijn samengevoegd tot één organisatie.
done-merge-none = Vink minstens twee schrijfwijzen aan, of één en de naam om ze in samen te voegen.

# Mailings to registrants.
mailings-link = Ingeschrevenen mailen
mailings-title = Mailings
mailings-intro = Schrijf aan een groep ingeschrevenen voor deze vergadering: ieder krijgt de tekst in de eigen taal, met de eigen links.
mailings-none = Nog geen mailing.
mailing-new-title = Nieuwe mailing
mailing-new-intro = Kies wie ze krijgt, schrijf de tekst in het Engels en desgewenst in het Frans en Nederlands, bekijk ze en controleer voor ze vertrekt.
mailing-group = Wie ze krijgt
mailing-group-hint = Vink niets aan in een groep om iedereen erin op te nemen. Geannuleerde en geweigerde inschrijvingen krijgen nooit een mail.
mailing-to-modes = Deelname
mailing-to-statuses = Status van de inschrijving
mailing-to-attended = Aanwezigheid tot nu
mailing-to-organizations = Organisaties
mailing-organizations-hint = Vink niets aan om alle organisaties te mailen.
mailing-attended-any = Iedereen
mailing-attended-yes = Gekomen (aangemeld of online)
mailing-attended-no = (Nog) niet gekomen
mailing-everyone = Alle ingeschrevenen die mail kunnen krijgen
mailing-tally = { $recipients ->
    [one] Deze mailing gaat naar 1 persoon.
   *[other] Deze mailing gaat naar { $recipients } personen.
}
mailing-tally-skipped = { $skipped ->
    [one] Nog 1 persoon in de groep krijgt ze niet (geannuleerd, geweigerd, gewist of zonder adres).
   *[other] Nog { $skipped } personen in de groep krijgen ze niet (geannuleerd, geweigerd, gewist of zonder adres).
}
mailing-text = Tekst
mailing-placeholders-hint = De gegevens van elke persoon vervangen deze invulvelden:
mailing-fallback-hint = Wie een taal heeft zonder tekst, krijgt de Engelse. Links worden klikbaar.
mailing-subject = Onderwerp
mailing-body = Bericht
mailing-when = Wanneer
mailing-when-now = Nu
mailing-when-later = Op een gekozen tijdstip
mailing-send-at = Versturen op
mailing-send-at-hint = In de tijdzone van de vergadering ({ $zone }).
mailing-preview = Voorbeeld
mailing-preview-as = Bekijken als
mailing-show-preview = Voorbeeld tonen
mailing-send-test = Een test sturen naar { $email }
mailing-preview-of = Zoals { $person } ze leest ({ $language })
mailing-nobody = Niemand in deze groep kan al mail krijgen.
mailing-test-sent = Een test, zoals { $person } ze leest, is onderweg naar { $email }.
mailing-review = Controleren voor verzending
mailing-review-title = Controleren en versturen
mailing-languages = Geschreven in
mailing-edit = Terug naar de tekst
mailing-confirm-schedule = Inplannen voor { $at }
mailing-confirm-now = { $count ->
    [one] Nu versturen naar 1 persoon
   *[other] Nu versturen naar { $count } personen
}
mailing-status = Status
mailing-status-scheduled = Ingepland
mailing-status-sending = Wordt verstuurd
mailing-status-sent = Verstuurd
mailing-status-cancelled = Geannuleerd
mailing-figures = Mails
mailing-figures-line = { $sent } van { $recipients } verstuurd
mailing-failed-count = { $failed } mislukt
mailing-skipped-count = { $skipped } niet gemaild
mailing-by = Geschreven door
mailing-written-by = { $who }, { $when }
mailing-count-recipients = Ontvangers
mailing-count-skipped = Niet gemaild
mailing-skipped-hint = Niet gemaild: in de groep, maar geannuleerd, geweigerd, gewist of zonder adres toen het versturen begon.
mailing-following = Deze pagina volgt het versturen en ververst vanzelf.
mailing-cancel = Deze ingeplande mailing annuleren
mailing-retry-all = { $failed ->
    [one] De mislukte mail opnieuw versturen
   *[other] De { $failed } mislukte mails opnieuw versturen
}
mailing-recipients = Ontvangers
mailing-language = Taal
mailing-actions = Acties
mailing-erased = (persoonsgegevens gewist)
mailing-retry-one = Opnieuw versturen
mailing-more = { $count ->
    [one] En nog 1 ontvanger, al verstuurd of onderweg.
   *[other] En nog { $count } ontvangers, al verstuurd of onderweg.
}
mailing-done-cancelled = De mailing is geannuleerd: er wordt niets van verstuurd.
mailing-done-retried = De mislukte mail vertrekt opnieuw.
mailing-done-created = De mailing is opgeslagen. De mails vertrekken nu, of op het gekozen tijdstip.
mail-kind-mailing = Mailing
mail-kind-mailing_test = Test van een mailing
registrations-write = Deze personen mailen
history-mailing = Mailing ‘{ $subject }’
