## Publieke pagina's en gedeelde onderdelen.

skip-to-content = Naar de inhoud
language-switch = Taal
language-en = English
language-fr = Français
language-nl = Nederlands
footer-powered = Mogelijk gemaakt door Convene
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
consent-retention = Ze worden { $days ->
        [one] één dag
       *[other] { $days } dagen
    } na afloop gewist.
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

multi-hint = Vink alles aan wat van toepassing is.
done-switched = { $status ->
    [waitlisted] U staat nu op de wachtlijst om { $mode ->
        [in_person] ter plaatse
       *[online] online
    } deel te nemen.
   *[other] { $mode ->
        [in_person] U neemt nu ter plaatse deel. Uw ticket staat hieronder en is per e-mail onderweg.
       *[online] U neemt nu online deel. Uw streamlink staat hieronder en is per e-mail onderweg.
    }
}
done-cancelled = Uw inschrijving is geannuleerd. Een bevestiging is per e-mail onderweg.
done-saved = Opgeslagen. Gewijzigd: { $fields }.
done-nothing-changed = Opgeslagen. Er was niets veranderd.
room-full-online-waitlist = De zaal is vol, maar u kunt de vergadering online volgen. U kunt ook op de wachtlijst gaan voor een plaats: komt er vóór de vergadering een plaats vrij, dan bevestigen we die per e-mail; tot dan kunt u online volgen.
room-full-online = De zaal is vol, maar u kunt de vergadering online volgen.
room-full-waitlist = De zaal is vol. U kunt op de wachtlijst gaan: komt er vóór de vergadering een plaats vrij, dan bevestigen we die per e-mail.
room-full = De zaal is vol.

# Time zones as readers name them (`zone-<iana name>`), offsets added by the code.
zone-europe-brussels = Brusselse tijd
zone-europe-amsterdam = Amsterdamse tijd
zone-europe-paris = Parijse tijd
zone-europe-luxembourg = Luxemburgse tijd
zone-europe-berlin = Berlijnse tijd
zone-europe-london = Londense tijd
zone-europe-lisbon = Lissabonse tijd
zone-europe-madrid = Madrileense tijd
zone-europe-rome = Romeinse tijd
zone-europe-warsaw = Warschause tijd
zone-europe-athens = Atheense tijd
zone-europe-istanbul = Istanboelse tijd
zone-other = tijd in { $city }
error-generic = Er ging iets mis. Er is niets gewijzigd.
error-code-validation = Een deel van wat is verstuurd kan niet worden gebruikt. Er is niets gewijzigd.
error-code-conflict = Deze wijziging is nu niet mogelijk. Er is niets gewijzigd.
error-code-bad-request = Dit verzoek kan niet worden gelezen. Ga terug en probeer opnieuw.
error-code-payload-too-large = Wat is verstuurd is te groot.
error-code-rate-limited = Te veel pogingen. Wacht een minuut en probeer opnieuw.
error-code-internal = Er ging bij ons iets mis. Het is genoteerd; probeer het zo meteen opnieuw.
error-code-registration-closed = De inschrijvingen voor dit evenement zijn gesloten.
error-code-capacity-full = Er is in deze modus geen plaats meer vrij.
privacy-notice = Privacyverklaring
privacy-notice-read = Hoe we uw gegevens gebruiken: de privacyverklaring (opent in een nieuw tabblad)
meta-description = Inschrijvingen en aanwezigheid: { $organizer }.
stop-title = Uitnodigingen voor volgende edities
stop-text = { $email } niet meer uitnodigen voor volgende edities van onze bijeenkomsten? U krijgt geen uitnodigingen meer. Uw bestaande inschrijvingen blijven zoals ze zijn.
stop-button = Geen uitnodigingen meer
stop-done = Klaar: { $email } wordt niet meer uitgenodigd voor volgende edities.
stop-done-more = Van gedachten veranderd? Vink "Nodig mij uit voor volgende edities" aan wanneer u zich opnieuw inschrijft.
programme-heading = Programma
programme-times = Tijden in { $zone }.
future-invitations-label = Nodig mij uit voor volgende edities van deze bijeenkomst
future-invitations-hint = Optioneel. We bewaren uw naam, organisatie en e-mailadres alleen daarvoor; elke uitnodiging bevat een link om ze te stoppen.
secret-unavailable = Uw ticket kan hier momenteel niet getoond worden. Toon het ticket uit uw bevestigingsmail aan de ingang, of vraag de organisatoren om een nieuwe link.

## De gegevens van de ingeschrevene
data-heading = Uw persoonsgegevens
data-hint = We bewaren uw gegevens tot { $days } dagen na de vergadering en wissen ze dan. U kunt alles wat we over u bewaren downloaden, of het nu laten wissen.
data-download = Mijn gegevens downloaden (JSON)
forget-link = Mijn gegevens wissen…
forget-title = Uw gegevens wissen?
forget-what = Uw naam, adres, antwoorden, ticket en links voor "{ $event }" worden gewist, met de e-mails die we u schreven. Deze link werkt meteen niet meer.
forget-seat = Uw inschrijving wordt eerst geannuleerd; een plaats die vrijkomt gaat naar de volgende persoon op de wachtlijst.
forget-final = Dit kan niet ongedaan worden gemaakt. De organisatoren houden alleen een telling van de inschrijvingen bij.
forget-button = Mijn gegevens wissen
forgotten-title = Uw gegevens zijn gewist
forgotten-text = We bewaren uw naam, adres en antwoorden voor deze vergadering niet meer, en uw links werken niet meer. Dank u.

## Wie zich mag inschrijven (de toegangsregel van een evenement).
status-pending = Aanvraag wacht op beoordeling
status-declined = Aanvraag geweigerd
request-heading = Vragen om deel te nemen
request-button = Mijn aanvraag versturen
access-invitation-title = Inschrijven op uitnodiging
access-invitation-yours = U bent uitgenodigd: uw gegevens zijn hieronder ingevuld. Controleer ze, kies hoe u deelneemt en bevestig.
access-invitation-text = Open om u in te schrijven de persoonlijke link in uw uitnodigingsmail.
access-invitation-lost = Uitnodiging kwijt? We kunnen ze opnieuw sturen.
access-invitation-domains = Medewerkers van partnerorganisaties kunnen zich hieronder ook inschrijven met hun werkadres dat eindigt op { $domains }.
access-approval-title = Inschrijven vraagt de goedkeuring van de organisatoren
access-approval-text = Stuur hieronder uw aanvraag: die reserveert nog geen plaats. De organisatoren bekijken de aanvragen zodra ze binnenkomen en beantwoorden elke aanvraag per mail. Aanvragen kunnen tot { $until }.
not-invited = Dit adres staat niet op de uitnodigingslijst. Gebruik de persoonlijke link uit uw uitnodigingsmail, of vraag die opnieuw aan met de link hieronder.
registered-pending = Uw aanvraag is verstuurd. De organisatoren mailen u hun beslissing; een kopie van uw aanvraag is onderweg naar uw mailbox.
pending-explained = De organisatoren hebben nog niet beslist. Er is geen plaats voor u gereserveerd zolang zij uw aanvraag niet aanvaarden; u krijgt hun antwoord per mail.
declined-explained = De organisatoren konden uw aanvraag voor deze bijeenkomst niet aanvaarden.
withdraw-heading = Uw aanvraag intrekken
withdraw-button = Mijn aanvraag intrekken
lost-link-text-invited = Vul uw e-mailadres in. Als u ingeschreven of uitgenodigd bent, mailen we u uw persoonlijke link.
lost-link-sent-invited = Als dat adres ingeschreven of uitgenodigd is, is de persoonlijke link onderweg.

## Eerlijke plaatsen voor partnerorganisaties, en uw plaats aan een collega geven.
organization-full-wait = Liever op de wachtlijst voor de zaal
organization-full-hint = Uw organisatie heeft haar plaatsen in de zaal gebruikt. U kunt online volgen, of op de wachtlijst voor de zaal gaan.
waiting-organization-cap = Uw organisatie heeft haar plaatsen in de zaal gebruikt, dus u staat op de wachtlijst. Komt een van haar plaatsen vrij, of vervalt de limiet voor de bijeenkomst, dan krijgt u de plaats op volgorde.
transfer-heading = Een collega in uw plaats sturen
transfer-offer = Kunt u niet komen? Geef uw inschrijving aan een collega: die houdt uw plaats en krijgt een eigen ticket en link.
transfer-link = Mijn inschrijving aan een collega geven…
transfer-title = Uw inschrijving aan een collega geven
transfer-intro = Uw collega neemt uw plaats over zoals ze is (in de zaal, online of op de wachtlijst) en krijgt per mail een eigen ticket en persoonlijke link.
transfer-email-hint = De bevestiging en persoonlijke link van uw collega worden naar dit adres gestuurd.
transfer-next = Verder
transfer-keep = Mijn inschrijving houden
transfer-change = Deze gegevens wijzigen
transfer-confirm = Uw inschrijving aan { $name } ({ $email }) geven?
transfer-consequences = Uw ticket en persoonlijke link werken meteen niet meer, uw gegevens worden uit deze inschrijving gewist en we mailen u een bericht. Dit kan niet ongedaan worden gemaakt.
transfer-confirm-button = Ja, overdragen
transferred-title = Inschrijving overgedragen
transferred-done = Uw inschrijving is nu van { $name }. We hebben hun ticket en persoonlijke link gemaild.
transferred-erased = Uw gegevens zijn eruit gewist en uw vroegere link opent niets meer.
