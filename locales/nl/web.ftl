## Publieke pagina's en gedeelde onderdelen.

skip-to-content = Naar de inhoud
language-switch = Taal
language-en = English
language-fr = Français
language-nl = Nederlands
footer-powered = Inschrijvingen via Convene
required = verplicht
yes = Ja
no = Nee
title-error-prefix = Fout:
error-summary-title = Er is een probleem

not-found-title = Pagina niet gevonden
not-found-text = Er is geen pagina op dit adres. Volgde u een link uit een mail, controleer dan of die volledig werd gekopieerd.
forbidden-title = Niet toegestaan
forbidden-text = U kunt dit hier niet doen. Denkt u dat dit een vergissing is, ga dan terug, laad de pagina opnieuw en probeer het nog eens.

field-first_name = Voornaam
field-last_name = Achternaam
field-name = Naam
field-email = E-mailadres
field-organization = Organisatie
field-mode = Hoe neemt u deel?
field-consent = Toestemming
field-language = Taal van de mails
field-answers = Antwoorden

online-after-registration = De persoonlijke link naar de uitzending wordt na de inschrijving verstuurd.
register-heading = Inschrijven
email-hint = Uw bevestiging en persoonlijke link worden naar dit adres gestuurd.
consent-label = Ik ga ermee akkoord dat de organisatoren mijn gegevens bewaren om deze vergadering te beheren en de aanwezigheid te tellen.
register-button = Inschrijven
lost-link-question = Al ingeschreven en uw link kwijt?

seats-unlimited = plaatsen beschikbaar
seats-waitlist = volzet: u komt op de wachtlijst
seats-full = volzet
seats-left = { $count ->
    [one] nog 1 plaats
   *[other] nog { $count } plaatsen
}

event-cancelled = Deze vergadering is geannuleerd.
registration-closed = De inschrijvingen voor deze vergadering zijn gesloten.
already-registered = U bent al ingeschreven met dit e-mailadres. We hebben uw persoonlijke link opnieuw gemaild.

error-required = Vul dit veld in.
error-email = Geef een e-mailadres zoals naam@voorbeeld.be.
error-consent = Vink het vakje aan om akkoord te gaan, zodat we u kunnen inschrijven.
error-mode = Kies ter plaatse of online.
error-choice = Kies een van de opties.
error-full = Er is geen vrije plaats meer in die vorm.
error-switch-closed = De vergadering is begonnen: uw deelnamevorm kan niet meer veranderen.

manage-title = Uw inschrijving
registered-confirmed = U bent ingeschreven. Een bevestiging is onderweg naar uw mailbox.
registered-waitlist = U staat op de wachtlijst. We mailen u zodra er een plaats vrijkomt.
status-confirmed = Bevestigd
status-waitlisted = Op de wachtlijst
status-cancelled = Geannuleerd
join-button = De vergadering online volgen
switch-heading = Uw deelnamevorm wijzigen
switch-to = Overschakelen naar { $mode }
edit-heading = Uw gegevens
save-button = Wijzigingen opslaan
cancel-heading = Uw inschrijving annuleren
cancel-button = Mijn inschrijving annuleren
register-again = Opnieuw inschrijven
cancel-confirm-title = Uw inschrijving annuleren?
cancel-confirm-text = Uw plaats op { $event } gaat naar iemand anders.
cancel-confirm-button = Ja, annuleer mijn inschrijving
cancel-keep = Nee, mijn inschrijving behouden

lost-link-title = Link kwijt?
lost-link-text = Geef het e-mailadres waarmee u zich inschreef. Bestaat er een inschrijving, dan mailen we u de persoonlijke link.
lost-link-button = Stuur mijn link
lost-link-sent = Bestaat er een inschrijving voor dat adres, dan is de persoonlijke link onderweg.
back-to-event = Terug naar het evenement

# Field errors on forms, by error code (the API's English wording is in en/api.ftl).
form-required = { error-required }
form-invalid-email = { error-email }
form-email-too-long = { error-email }
form-consent-required = { error-consent }
form-invalid-mode = { error-mode }
form-required-mode = { error-mode }
form-invalid-choice = { error-choice }
form-mode-full = { error-full }
form-switch-closed = { error-switch-closed }
form-too-long = Gebruik hoogstens { $max } tekens.
form-control-characters = Verwijder de speciale tekens (zoals tabs) uit dit veld.
form-invalid-language = Kies Engels, Frans of Nederlands.
multi-hint = Vink alles aan wat van toepassing is.
