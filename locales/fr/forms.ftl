## Les erreurs de champ telles que les gens les lisent, par code (`form-<code>`).
## Les pages placent le libellé du champ devant ces phrases.

form-required = Remplissez ce champ.
form-required-boolean = Répondez oui ou non.
form-required-mode = { error-mode }
form-invalid-email = { error-email }
form-email-needs-smtputf8 = Notre serveur de courriel ne peut pas écrire à une adresse avec des lettres accentuées ou non latines avant le @. Donnez une autre adresse.
form-email-too-long = { error-email }
form-email-unchangeable = L'adresse e-mail ne peut pas changer. Annulez puis inscrivez-vous à nouveau avec la nouvelle adresse.
form-consent-required = { error-consent }
form-invalid-mode = { error-mode }
form-unknown-mode = Choisissez sur place ou en ligne.
form-invalid-choice = { error-choice }
form-not-a-list = { error-choice }
form-mode-full = { error-full }
form-switch-closed = { error-switch-closed }
form-too-long = Utilisez au plus { $max } caractères.
form-too-many-words = Utilisez au plus { $max } mots.
form-control-characters = Retirez les caractères spéciaux (comme les tabulations) de ce champ.
form-line-break = Écrivez ceci sur une seule ligne.
form-invalid-language = Choisissez anglais, français ou néerlandais.
form-unknown-language = Les libellés peuvent être en anglais, français et néerlandais seulement.
form-not-a-string = Écrivez ceci sous forme de texte.
form-not-boolean = Répondez oui ou non.
form-unknown-question = Cette question n'est pas posée pour cet événement.
form-invalid-value = Cette valeur ne peut pas être utilisée. Vérifiez-la et réessayez.
form-duplicate = Ceci est utilisé deux fois : rendez chacun différent.
form-ends-before-start = La fin doit venir après le début.
form-english-label-required = Écrivez le libellé anglais ; le français et le néerlandais sont facultatifs.
form-form-capacity = Indiquez un nombre, ou laissez vide pour ne pas fixer de limite.
form-form-datetime = Indiquez une date et une heure, par exemple 13/12/2026 09:30.
form-invalid-instant = Indiquez une date et une heure, par exemple 13/12/2026 09:30.
form-invalid-capacity = Indiquez un nombre de 0 à { $max }, ou laissez vide pour ne pas fixer de limite.
form-invalid-reminder-hours = Indiquez un nombre d'heures de 0 à 720.
form-invalid-retention-days = Saisissez un nombre de jours de 1 à 3650.
form-invalid-room-cap = Indiquez un nombre entier de 0 à 1 000 000.
form-invalid-slug = Utilisez des minuscules, des chiffres et des tirets simples (100 au plus), ou laissez vide.
form-invalid-timezone = Choisissez un fuseau horaire dans la liste.
form-invalid-url = Indiquez une adresse commençant par https:// ou http://.
form-invalid-event-status = Choisissez brouillon, publié, clôturé ou annulé.
form-no-mode = Proposez au moins une façon de participer : sur place, en ligne ou les deux.
form-invalid-question-key = Utilisez des minuscules, des chiffres et _ (en commençant par une lettre, 40 au plus).
form-invalid-question-kind = Choisissez le type de réponse attendu.
form-choice-options = Donnez de 1 à 50 options, une par ligne.
form-invalid-options = Chaque option doit être différente et compter au plus 200 caractères.
form-options-only-for-choice = Seules les questions à choix ont des options : videz ce champ ou changez le type.
form-too-many-questions = Un événement peut poser au plus 50 questions.
form-query-too-short = Tapez au moins { $min } caractères.
form-code-or-registration = Donnez un code de billet ou une inscription, pas les deux.
form-invalid-cursor = Cette liste a changé : recommencez à la première page.
form-invalid-list-cursor = Cette liste a changé : recommencez à la première page.
form-invalid-limit = Indiquez un nombre entier de 1 à { $max }.
form-invalid-page-size = Indiquez un nombre de 1 à 100.
form-invalid-delimiter = Choisissez virgule, point-virgule ou tabulation.
form-invalid-event-id = Ce n'est pas un événement de ce service.
form-invalid-registration-id = Ce n'est pas une inscription de cet événement.
form-invalid-registration-status = Choisissez confirmée, en liste d'attente ou annulée.
form-invalid-mail-status = Choisissez en attente, en cours d'envoi, envoyé, échoué ou différé.
form-conflict = Cette modification n'est pas possible pour le moment.
form-slug-taken = Un autre événement utilise déjà l'adresse { $slug } : choisissez-en une autre.
form-cannot-reopen = Un événement annulé ne peut pas être rouvert. Copiez-le plutôt dans un nouvel événement.
form-mode-in-use = { $mode ->
    [in_person] Des personnes sont inscrites sur place : annulez ou changez leur inscription avant de retirer ce mode.
   *[online] Des personnes sont inscrites en ligne : annulez ou changez leur inscription avant de retirer ce mode.
}
form-below-confirmed = { $confirmed ->
    [one] 1 personne est déjà confirmée : la capacité ne peut pas descendre en dessous.
   *[other] { $confirmed } personnes sont déjà confirmées : la capacité ne peut pas descendre en dessous.
}
form-file-empty = Le fichier est vide.
form-file-unreadable = Ce fichier ne peut pas être lu. Enregistrez-le en CSV (UTF-8) et réessayez.
form-file-missing-columns = La première ligne doit nommer les colonnes : prénom, nom et e-mail sont nécessaires (en-têtes en anglais, français ou néerlandais).
form-duplicate-in-file = La même adresse figure à la ligne { $row }.
form-token-name = Donnez au jeton un nom de 1 à 200 caractères.
form-event-draft = L'événement est un brouillon : publiez-le avant d'importer.
form-registration-closed = Les inscriptions à cet événement sont clôturées.
form-event-cancelled = Cet événement a été annulé.
form-mode-not-offered = { $mode ->
    [in_person] Cet événement ne se suit pas sur place.
   *[online] Cet événement ne se suit pas en ligne.
}
form-file-missing = Choisissez un fichier CSV à importer.
form-unknown-field = Ce paramètre n'existe pas.
form-invalid-color = Choisissez une couleur écrite #rrvvbb, par exemple #0033a0.
form-logo-read-only = Le logo se change en envoyant un fichier.
form-per-language = Donnez un texte par langue.
form-logo-too-large = Le fichier est trop volumineux : { $max } au plus.
form-logo-missing = Choisissez un fichier PNG ou JPEG.
form-logo-type = Le logo doit être une image PNG ou JPEG.
form-invalid-preset = Choisissez la liste pour les personnes, ou aucune pour les scripts.
form-title-mismatch = Ce n'est pas le titre. Tapez-le exactement, pour confirmer.
form-held-above-capacity = Ne réservez pas plus de places que la salle n’en compte.
form-held-in-use = { $given ->
    [one] 1 place réservée est déjà attribuée : annulez-la avant d’en réserver moins.
   *[other] { $given } places réservées sont déjà attribuées : annulez-en avant d’en réserver moins.
}
form-below-confirmed-held = { $confirmed } personnes sont confirmées et { $held } places sont réservées : la salle doit compter au moins { $min } places.
form-held-seat-in-person = Une place réservée est une place dans la salle : choisissez « sur place ».
form-too-many-programme-items = Un programme compte au plus { $max } points.
form-outside-event = Choisissez une heure entre le début et la fin de l’événement.
form-too-many-speakers = Indiquez au plus { $max } intervenants par point.
form-unknown-event = Choisissez un événement dans la liste.
form-already-registered-here = Cette adresse est déjà inscrite à cet événement : ouvrez la page de la personne et attribuez-lui la place réservée depuis là.
form-no-held-seat-left = Toutes les places réservées sont attribuées. Réservez-en davantage dans les réglages de l’événement.
form-invalid-nonce = Cet identifiant de requête est illisible. Réessayez.
form-scanned-in-future = L’heure du scan est dans le futur : vérifiez l’horloge de l’appareil.
form-scanned-before-event = L’heure du scan précède le jour de l’événement : vérifiez l’horloge de l’appareil.
form-too-many-scans = Envoyez au plus { $max } scans à la fois.
form-invalid-scan-kind = Un scan est une entrée ou une sortie.
form-instant-out-of-range = Choisissez une date entre les années 2000 et 2100.
form-invalid-access = Choisissez qui peut s'inscrire.
form-invalid-domain = « { $domain } » n'est pas un nom de domaine comme fedasil.be.
form-too-many-domains = { $max } domaines au plus.
form-organization-full = Cette organisation a utilisé ses places dans la salle : choisissez en ligne.
form-organization-full-choose = Votre organisation a utilisé ses places dans la salle. Suivez en ligne (choisi ci-dessous), ou rejoignez la liste d'attente pour la salle.
form-same-email = Saisissez l'adresse de votre collègue, pas la vôtre.
form-colleague-registered = Ce collègue est déjà inscrit à cette réunion.
form-transfer-closed = Cette inscription ne peut plus être cédée (la réunion a commencé, ou elle a été enregistrée à l'accueil).
form-invalid-organization-cap = Saisissez un nombre entier de 1 ou plus, ou laissez vide.
form-invalid-organization-names = Donnez de 1 à 100 graphies, aucune vide.
form-unknown-placeholder = { $placeholder } n’est pas un champ à remplacer. Utilisez {"{"}first_name{"}"}, {"{"}last_name{"}"}, {"{"}organization{"}"}, {"{"}manage_url{"}"}, {"{"}join_url{"}"} et {"{"}ticket_code{"}"} ; pour écrire une accolade, tapez-la deux fois ({"{{"} ou {"}}"}).
form-one-line = Écrivez l’objet sur une seule ligne.
form-mailing-status = Choisissez confirmé, liste d’attente ou demande : les inscriptions annulées ou refusées ne reçoivent jamais de message.
form-too-many = Choisissez-en au plus { $max }.
form-not-an-organization = Donnez le nom d’une organisation, pas seulement des accents ou des signes.
