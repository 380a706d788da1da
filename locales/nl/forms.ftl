## Veldfouten zoals mensen ze lezen, per code (`form-<code>`).
## Pagina's zetten het label van het veld vóór deze zinnen.

form-required = Vul dit veld in.
form-required-boolean = Antwoord ja of nee.
form-required-mode = { error-mode }
form-invalid-email = { error-email }
form-email-needs-smtputf8 = Onze mailserver kan niet bezorgen op een adres met letters met accenten of niet-Latijnse letters vóór de @. Geef een ander adres op.
form-email-too-long = { error-email }
form-email-unchangeable = Het e-mailadres kan niet veranderen. Annuleer en schrijf u opnieuw in met het nieuwe adres.
form-consent-required = { error-consent }
form-invalid-mode = { error-mode }
form-unknown-mode = Kies ter plaatse of online.
form-invalid-choice = { error-choice }
form-not-a-list = { error-choice }
form-mode-full = { error-full }
form-switch-closed = { error-switch-closed }
form-too-long = Gebruik hoogstens { $max } tekens.
form-too-many-words = Gebruik hoogstens { $max } woorden.
form-control-characters = Verwijder de speciale tekens (zoals tabs) uit dit veld.
form-line-break = Schrijf dit op één regel.
form-invalid-language = Kies Engels, Frans of Nederlands.
form-unknown-language = Labels kunnen alleen in het Engels, Frans en Nederlands.
form-not-a-string = Schrijf dit als tekst.
form-not-boolean = Antwoord ja of nee.
form-unknown-question = Deze vraag wordt voor dit evenement niet gesteld.
form-invalid-value = Deze waarde kan niet worden gebruikt. Controleer ze en probeer opnieuw.
form-duplicate = Dit wordt twee keer gebruikt: maak ze verschillend.
form-ends-before-start = Het einde moet na het begin komen.
form-english-label-required = Schrijf het Engelse label; Frans en Nederlands zijn niet verplicht.
form-form-capacity = Geef een getal, of laat leeg voor geen limiet.
form-form-datetime = Geef een datum en tijd, bijvoorbeeld 13/12/2026 09:30.
form-invalid-instant = Geef een datum en tijd, bijvoorbeeld 13/12/2026 09:30.
form-invalid-capacity = Geef een getal van 0 tot { $max }, of laat leeg voor geen limiet.
form-invalid-reminder-hours = Geef een aantal uren van 0 tot 720.
form-invalid-retention-days = Vul een aantal dagen in van 1 tot 3650.
form-invalid-room-cap = Geef een geheel getal van 0 tot 1.000.000.
form-invalid-slug = Gebruik kleine letters, cijfers en enkele streepjes (hoogstens 100), of laat leeg.
form-invalid-timezone = Kies een tijdzone uit de lijst.
form-invalid-url = Geef een adres dat begint met https:// of http://.
form-invalid-event-status = Kies concept, gepubliceerd, gesloten of geannuleerd.
form-no-mode = Bied minstens één manier van deelnemen aan: ter plaatse, online of beide.
form-invalid-question-key = Gebruik kleine letters, cijfers en _ (begin met een letter, hoogstens 40).
form-invalid-question-kind = Kies welk soort antwoord de vraag verwacht.
form-choice-options = Geef 1 tot 50 opties, één per regel.
form-invalid-options = Maak elke optie verschillend en hoogstens 200 tekens lang.
form-options-only-for-choice = Alleen keuzevragen hebben opties: maak dit vak leeg of kies een ander soort.
form-too-many-questions = Een evenement kan hoogstens 50 vragen stellen.
form-query-too-short = Typ minstens { $min } tekens.
form-code-or-registration = Geef een ticketcode of een inschrijving, niet beide.
form-invalid-cursor = Deze lijst is veranderd: begin opnieuw bij de eerste pagina.
form-invalid-list-cursor = Deze lijst is veranderd: begin opnieuw bij de eerste pagina.
form-invalid-limit = Geef een geheel getal van 1 tot { $max }.
form-invalid-page-size = Geef een getal van 1 tot 100.
form-invalid-delimiter = Kies komma, puntkomma of tab.
form-invalid-event-id = Dit is geen evenement van deze dienst.
form-invalid-registration-id = Dit is geen inschrijving van dit evenement.
form-invalid-registration-status = Kies bevestigd, op de wachtlijst of geannuleerd.
form-invalid-mail-status = Kies wachtend, bezig, verzonden, mislukt of uitgesteld.
form-conflict = Deze wijziging is nu niet mogelijk.
form-slug-taken = Een ander evenement gebruikt het adres { $slug } al: kies een ander.
form-cannot-reopen = Een geannuleerd evenement kan niet opnieuw worden geopend. Kopieer het liever naar een nieuw evenement.
form-mode-in-use = { $mode ->
    [in_person] Er zijn mensen ingeschreven om ter plaatse te komen: annuleer of wijzig hun inschrijving voor u dit weghaalt.
   *[online] Er zijn mensen ingeschreven om online te volgen: annuleer of wijzig hun inschrijving voor u dit weghaalt.
}
form-below-confirmed = { $confirmed ->
    [one] 1 persoon is al bevestigd: de capaciteit kan niet lager.
   *[other] { $confirmed } personen zijn al bevestigd: de capaciteit kan niet lager.
}
form-file-empty = Het bestand is leeg.
form-file-unreadable = Dit bestand kan niet worden gelezen. Sla het op als CSV (UTF-8) en probeer opnieuw.
form-file-missing-columns = De eerste rij moet de kolommen benoemen: voornaam, achternaam en e-mail zijn nodig (koppen in het Engels, Frans of Nederlands).
form-duplicate-in-file = Hetzelfde adres staat op rij { $row }.
form-token-name = Geef het token een naam van 1 tot 200 tekens.
form-event-draft = Het evenement is een concept: publiceer het voor u importeert.
form-registration-closed = De inschrijvingen voor dit evenement zijn gesloten.
form-event-cancelled = Dit evenement is geannuleerd.
form-mode-not-offered = { $mode ->
    [in_person] Dit evenement kan niet ter plaatse worden bijgewoond.
   *[online] Dit evenement kan niet online worden gevolgd.
}
form-file-missing = Kies een CSV-bestand om te importeren.
form-unknown-field = Deze instelling bestaat niet.
form-invalid-color = Kies een kleur geschreven als #rrggbb, bijvoorbeeld #0033a0.
form-logo-read-only = Het logo verandert u door een bestand op te laden.
form-per-language = Geef één tekst per taal.
form-logo-too-large = Het bestand is te groot: hoogstens { $max }.
form-logo-missing = Kies een PNG- of JPEG-bestand.
form-logo-type = Het logo moet een PNG- of JPEG-afbeelding zijn.
form-invalid-preset = Kies de lijst voor mensen, of geen voor scripts.
form-title-mismatch = Dat is niet de titel. Typ hem precies over, om te bevestigen.
form-held-above-capacity = Houd niet meer plaatsen vrij dan de zaal telt.
form-held-in-use = { $given ->
    [one] 1 vrijgehouden plaats is al toegekend: annuleer die voor u er minder vrijhoudt.
   *[other] { $given } vrijgehouden plaatsen zijn al toegekend: annuleer er enkele voor u er minder vrijhoudt.
}
form-below-confirmed-held = { $confirmed } personen zijn bevestigd en { $held } plaatsen worden vrijgehouden: de zaal heeft minstens { $min } plaatsen nodig.
form-held-seat-in-person = Een vrijgehouden plaats is een plaats in de zaal: kies ter plaatse.
form-too-many-programme-items = Een programma telt hoogstens { $max } onderdelen.
form-outside-event = Kies een tijd tussen het begin en het einde van het evenement.
form-too-many-speakers = Vermeld hoogstens { $max } sprekers per onderdeel.
form-unknown-event = Kies een evenement uit de lijst.
form-already-registered-here = Dit adres is al ingeschreven voor dit evenement: open de pagina van de persoon en geef daar de vrijgehouden plaats.
form-no-held-seat-left = Alle vrijgehouden plaatsen zijn toegekend. Houd eerst meer plaatsen vrij in de instellingen van het evenement.
form-invalid-nonce = Deze aanvraag-id is onleesbaar. Probeer opnieuw.
form-scanned-in-future = Het scantijdstip ligt in de toekomst: controleer de klok van het toestel.
form-scanned-before-event = Het scantijdstip ligt voor de dag van het evenement: controleer de klok van het toestel.
form-too-many-scans = Stuur hoogstens { $max } scans tegelijk.
form-invalid-scan-kind = Een scan is een ingang of een uitgang.
form-instant-out-of-range = Kies een datum tussen de jaren 2000 en 2100.
form-invalid-access = Kies wie zich mag inschrijven.
form-invalid-domain = "{ $domain }" is geen domeinnaam zoals fedasil.be.
form-too-many-domains = Hoogstens { $max } domeinen.
form-organization-full = Deze organisatie heeft haar plaatsen in de zaal gebruikt: kies online.
form-organization-full-choose = Uw organisatie heeft haar plaatsen in de zaal gebruikt. Volg online (hieronder gekozen), of ga op de wachtlijst voor de zaal.
form-same-email = Vul het adres van uw collega in, niet het uwe.
form-colleague-registered = Deze collega is al ingeschreven voor deze bijeenkomst.
form-transfer-closed = Deze inschrijving kan niet meer worden overgedragen (de bijeenkomst is begonnen, of ze is ingecheckt).
form-invalid-organization-cap = Vul een geheel getal van 1 of meer in, of laat leeg.
form-invalid-organization-names = Geef 1 tot 100 schrijfwijzen, geen enkele leeg.
form-unknown-placeholder = { $placeholder } is geen invulveld. Gebruik {"{"}first_name{"}"}, {"{"}last_name{"}"}, {"{"}organization{"}"}, {"{"}manage_url{"}"}, {"{"}join_url{"}"} en {"{"}ticket_code{"}"}; typ een accolade twee keer om ze te schrijven ({"{{"} of {"}}"}).
form-one-line = Schrijf het onderwerp op één regel.
form-mailing-status = Kies bevestigd, wachtlijst of aanvraag: geannuleerde en geweigerde inschrijvingen krijgen nooit een mail.
form-too-many = Kies er hoogstens { $max }.
form-not-an-organization = Geef de naam van een organisatie, niet enkel accenten of tekens.
