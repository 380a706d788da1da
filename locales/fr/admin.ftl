## Espace de gestion (organisateurs, administrateurs, personnel d'accueil).

admin-nav = Espace de gestion
nav-events = Événements
nav-tokens = Jetons d'API
nav-users = Utilisateurs
logout = Se déconnecter ({ $email })
field-password = Mot de passe
login-title = Connexion
login-button = Se connecter
login-failed = L'adresse e-mail ou le mot de passe est incorrect.
login-throttled = Trop de tentatives. Attendez une minute et réessayez.
error-title = Une erreur s'est produite
go-back = Revenez à la page précédente et réessayez.
actions = Actions

event-new = Nouvel événement
event-edit = Modifier l'événement
event-title = Titre
event-slug = Adresse de la page de l'événement
event-slug-hint = Lettres minuscules, chiffres et tirets ; si le champ reste vide, l'adresse est créée à partir du titre.
event-description = Description
event-title-fr = Titre en français
event-description-fr = Description en français
event-title-nl = Titre en néerlandais
event-description-nl = Description en néerlandais
event-section-basics = L'événement
event-section-time = Date et heure
event-section-attendance = Participation
event-starts = Début
event-ends = Fin
event-timezone = Fuseau horaire
event-closes = Clôture des inscriptions
event-closes-hint = Si le champ reste vide, les inscriptions restent ouvertes jusqu'à la fin de l'événement.
event-reminder = Rappel, en heures avant le début
event-reminder-hint = 0 : aucun rappel n'est envoyé.
event-venue-fr = Lieu en français
event-venue-nl = Lieu en néerlandais
event-venue-translation-hint = Seulement si le nom diffère, par ex. Bruxelles ou Brussel.
event-venue = Lieu
event-capacity-in-person = Places dans la salle
event-capacity-online = Places en ligne
event-capacity-hint = Vide : illimité.
event-online-url = Adresse de la diffusion
event-online-url-hint = Les personnes inscrites reçoivent un lien personnel qui mène ici ; l'adresse elle-même n'apparaît jamais sur la page publique.
event-waitlist = Tenir une liste d'attente lorsque c'est complet
event-status = Statut
event-status-draft = Brouillon
event-status-published = Publié
event-status-closed = Clôturé
event-status-cancelled = Annulé
event-publish = Publier
event-close = Clôturer les inscriptions
event-cancel = Annuler l'événement
no-events = Aucun événement pour l'instant.
open-desk = Accueil des participants
public-page = Page publique

questions-title = Questions personnalisées
questions-hint = Posées dans le formulaire d’inscription, dans cet ordre. Une ligne laissée vide est ignorée.
question-n = Question { $n }
question-kind = Type
question-kind-text = Une ligne de texte
question-kind-long_text = Texte plus long (plusieurs lignes)
question-kind-choice = Un choix parmi des options
question-kind-multi = Plusieurs choix parmi des options
question-kind-boolean = Oui ou non
question-required = Obligatoire
question-label-en = Question en anglais
question-label-fr = Question en français
question-label-nl = Question en néerlandais
question-options = Options
question-options-hint = Pour un choix : une option par ligne, écrite « English | Français | Nederlands » (ou un mot pour toutes les langues).

counts-title = Chiffres en temps réel
count-confirmed = Confirmés
count-capacity = Capacité
count-waitlisted = Liste d'attente
count-checked-in = Arrivés à l'accueil
count-joined = Connectés en ligne
count-total = Total
count-registered = Inscrits
count-attended = Présents
count-cancelled = Annulés
arrivals-title = Arrivées au fil du temps
arrivals-none = Personne n'est encore arrivé.
absent-title = Pas encore arrivés, par organisation
absent-count = Confirmés sur place, pas encore arrivés
absent-none = Toutes les personnes confirmées pour la salle sont arrivées.
mail-title = Mails
mail-status-pending = En file d'attente
mail-status-sending = En cours d'envoi
mail-status-sent = Envoyés
mail-status-failed = Échecs
mail-status-deferred = Différés
mail-deferred-until = Au-delà de la limite de 5 courriels par heure pour cette adresse : il part à { $when } avec l'état le plus récent.
mail-kind = Type de courriel
mail-error = Dernière erreur
mail-attempts = Tentatives
mail-resend = Renvoyer

registrations-title = Inscriptions
registrations-count = { $count ->
    [one] 1 inscription
   *[other] { $count } inscriptions
}
search-label = Rechercher par nom, e-mail ou organisation
filter-all = Tous
filter-button = Filtrer
checked-in = arrivé·e
action-promote = Attribuer une place
action-resend = Renvoyer la confirmation
action-cancel = Annuler
notice-cancelled = L'inscription a été annulée.
notice-switched = Le mode de participation a été modifié.
notice-promoted = L'inscription est sortie de la liste d'attente.
notice-resent = La confirmation a été remise en file d'attente.
notice-full = Il n'y a plus de place libre dans ce mode.
notice-is-cancelled = Cette inscription est annulée.
notice-not-possible = Ce n'est pas possible pour cette inscription.
pages = Pages
page-previous = Page précédente
page-next = Page suivante
page-of = Page { $page } sur { $pages }

user-role = Rôle
role-admin = Administrateur
role-organizer = Organisateur
role-checkin = Personnel d'accueil
user-active = Actif
user-disabled = Désactivé
user-enable = Activer
user-disable = Désactiver
user-add = Ajouter un compte
user-created = Compte { $email } créé. Son mot de passe n'est affiché qu'une seule fois : transmettez-le maintenant.
tokens-hint = Les jetons permettent à des scripts d'appeler l'API en votre nom. Un nouveau jeton n'est affiché qu'une seule fois.
token-name = Nom
token-created-at = Créé le
token-new = Créer un jeton
token-created = Votre nouveau jeton, affiché une seule fois :
token-revoke = Révoquer
export-title = Listes des participants
export-people-xlsx = Classeur Excel à lire (.xlsx)
export-people-csv = CSV à lire (Excel en Belgique)
export-excel-be = Pour les scripts : CSV avec ; et BOM
export-csv = Pour les scripts : CSV (virgule)
export-xlsx = Pour les scripts : classeur Excel (.xlsx)
export-print = Liste d'accueil imprimable
export-last-choice = votre dernier choix
import-title = Importer une liste de partenaires
import-file = Fichier CSV
import-file-hint = Colonnes prénom, nom, e-mail, organisation, langue, mode (dans n'importe quel ordre, en-têtes en anglais, français ou néerlandais ; les autres colonnes sont ignorées). Le mode peut s'écrire « sur place » / « in person » / « ter plaatse » ou « en ligne » / « online ».
import-dry-run = Essai : vérifier chaque ligne sans rien enregistrer
import-notify = Envoyer sa confirmation à chaque partenaire importé
import-invite = Au lieu d'inscrire, envoyer à chaque partenaire une invitation personnelle
import-button = Importer
import-report = Rapport d'import
import-report-dry = Rapport d'essai (rien n'a été enregistré)
import-rows = Lignes
import-created = Créées
import-skipped = Ignorées
import-line = Ligne
import-outcome = Résultat
import-reason = Motif
import-not-imported = Lignes non importées
import-all-imported = Toutes les lignes ont été importées.
import-job-queued = En attente de démarrage
import-job-running = Importation en cours
import-job-done = Importation terminée
import-job-failed = Importation arrêtée
import-job-progress = { $done } lignes sur { $total } traitées
import-job-leave = Cette page suit l'importation d'elle-même. Vous pouvez la quitter : l'importation continue.
import-job-stopped = L'événement n'accepte plus d'inscriptions depuis le début de l'importation ; les lignes ci-dessous ont été traitées avant.
event-create-button = Créer l'événement
checkin-list-title = Liste d'accueil
checkin-list-counts = { $count ->
    [one] 1 inscription
   *[other] { $count } inscriptions
} : { $in_person } sur place, { $online } en ligne, { $waitlisted } en liste d'attente.
checkin-list-printed = Imprimé le { $date }.
checkin-list-print-hint = Imprimez cette page (Ctrl+P) pour garder une liste papier à l'entrée.
checkin-list-mode = Participation
checkin-list-status = Statut
checkin-list-empty = Pas encore d'inscriptions.
import-outcome-created = Inscrit
import-outcome-invited = Invitation envoyée
import-outcome-already_registered = Déjà inscrit
import-outcome-already_invited = Déjà invité
import-outcome-duplicate_in_file = En double dans le fichier
import-outcome-invalid_email = Adresse e-mail non valide
import-outcome-missing_name = Nom manquant
import-outcome-invalid_mode = Mode de participation non compris
import-outcome-invalid_language = Langue non comprise
import-outcome-invalid_field = Une cellule ne peut pas être utilisée
import-outcome-invalid_answers = Réponses non valides
import-outcome-mode_not_offered = Mode de participation non proposé
import-outcome-capacity_full = Complet
import-outcome-registration_closed = Inscriptions clôturées
arrivals-desc = Arrivées à l'accueil par quart d'heure ({ $zone }).
arrivals-time = Heure
arrivals-count = Arrivées
arrivals-bar = Part du quart d'heure le plus chargé
summary-room-empty = Personne n'est encore confirmé pour la salle.
summary-room-full = La salle est complète : { $capacity } places prises.
summary-room-taken = { $confirmed } places prises sur { $capacity }.
summary-room-unlimited = { $confirmed } confirmés pour la salle (sans limite).
summary-waiting = { $count ->
    [one] 1 personne attend une place.
   *[other] { $count } personnes attendent une place.
}
summary-door-none = Personne n'est encore arrivé.
summary-door-some = { $checked } sur { $confirmed } sont arrivés.
summary-door-all = Toutes les personnes confirmées pour la salle sont arrivées ({ $count }).
summary-online-empty = Personne n'est encore inscrit pour suivre en ligne.
summary-online-registered = { $count ->
    [one] 1 personne est inscrite pour suivre en ligne.
   *[other] { $count } personnes sont inscrites pour suivre en ligne.
}
summary-joined-none = Personne n'a encore rejoint la diffusion.
summary-joined = { $count ->
    [one] 1 personne a rejoint la diffusion.
   *[other] { $count } personnes ont rejoint la diffusion.
}
checkin-list-arrived = arrivé·e à { $time }
nav-settings = Paramètres
settings-intro = Qui organise : les partenaires voient ce nom, ce logo et cette couleur sur chaque page publique, et le nom, le contact et la politique de confidentialité dans chaque e-mail.
settings-who = L'organisation
settings-name-en = Nom en anglais
settings-name-fr = Nom en français
settings-name-nl = Nom en néerlandais
settings-name-hint = L'anglais est utilisé pour une langue laissée vide.
settings-contact = Adresse de contact
settings-contact-hint = Les réponses aux e-mails arrivent ici, et les agendas la nomment comme organisateur.
settings-privacy = Politique de confidentialité
settings-privacy-hint = Le formulaire d'inscription y renvoie à côté de la case de consentement.
settings-privacy-en = Politique de confidentialité en anglais
settings-privacy-fr = Politique de confidentialité en français
settings-privacy-nl = Politique de confidentialité en néerlandais
settings-look = Apparence
settings-accent = Couleur d'accent
settings-accent-hint = Liens et boutons. Une couleur trop claire pour être lue est assombrie jusqu'à ce qu'elle le soit.
settings-accent-none = Utiliser le bleu de Convene
settings-logo = Logo
settings-logo-hint = PNG ou JPEG, 512 Kio au plus. Affiché en haut des pages publiques et dans les e-mails.
settings-logo-choose = Fichier du logo
settings-logo-upload = Envoyer le logo
settings-logo-remove = Retirer le logo
settings-logo-current = Le logo actuel
settings-preview = Aperçu
settings-preview-hint = L'allure d'une page publique et d'un e-mail (la couleur et le nom suivent ce que vous tapez).
settings-preview-no-name = (pas encore de nom : les pages affichent « Convene »)
settings-preview-mail = Un e-mail
settings-preview-from = De
settings-preview-reply = Réponses à
settings-preview-signature = Signé
settings-saved = Les paramètres sont enregistrés.
settings-logo-saved = Le logo est enregistré.
settings-logo-removed = Le logo a été retiré.
export-column-first-name = Prénom
export-column-last-name = Nom
export-column-email = E-mail
export-column-organization = Organisation
export-column-mode = Participation
export-column-status = Statut
export-column-language = Langue
export-column-registered-at = Inscription
export-column-checked-in-at = Arrivée
export-column-joined-online-at = Connexion en ligne
desk-link-qr-alt = Code QR du lien d'accueil
desk-link-scan = Scannez-le avec le téléphone du bénévole, ou copiez le lien et envoyez-le-lui.
desk-link-copy = Copier le lien
desk-link-copied = Copié.
event-reopen = Rouvrir les inscriptions
confirm-cancel-title = Annuler l'événement ?
confirm-cancel-what = { $count ->
    [0] Personne n'est inscrit : personne ne recevra d'e-mail.
    [one] 1 personne inscrite recevra aussitôt un e-mail annonçant l'annulation, avec le retrait de l'entrée d'agenda.
   *[other] { $count } personnes inscrites recevront aussitôt un e-mail annonçant l'annulation, avec le retrait de l'entrée d'agenda.
}
confirm-cancel-final = Un événement annulé ne peut pas être rouvert.
confirm-note = Un message pour les inscrits (facultatif)
confirm-note-hint = Il figure dans l'e-mail d'annulation, par exemple pourquoi, et ce qui suit.
confirm-type-title = Tapez le titre de l'événement pour confirmer
confirm-type-title-hint = Tapez : { $title }
confirm-cancel-button = { $count ->
    [0] Annuler l'événement
    [one] Annuler l'événement et écrire à 1 personne
   *[other] Annuler l'événement et écrire à { $count } personnes
}
confirm-keep = Ne rien changer
confirm-close-title = Clôturer les inscriptions ?
confirm-close-what = Plus personne ne pourra s'inscrire ; les inscrits gardent leur place et ne reçoivent pas d'e-mail. Vous pouvez rouvrir les inscriptions à tout moment.
confirm-close-button = Clôturer les inscriptions
done-event-cancelled = { $count ->
    [0] L'événement est annulé. Personne n'était inscrit : aucun e-mail n'est envoyé.
    [one] L'événement est annulé. 1 personne reçoit un e-mail.
   *[other] L'événement est annulé. { $count } personnes reçoivent un e-mail.
}
done-event-closed = Les inscriptions sont clôturées. Vous pouvez les rouvrir à tout moment.
done-event-published = Les inscriptions sont ouvertes.
event-held = Places réservées aux intervenants et aux hôtes
event-held-hint = Comprises dans la capacité sur place, jamais proposées au public. Attribuez-les depuis la page des inscriptions.
programme-title = Programme
programme-hint = Affiché sur la page d’inscription et dans le courriel de confirmation, dans la langue du lecteur. Heures dans le fuseau de l’événement.
programme-item-n = Point { $n }
programme-starts = Début
programme-ends = Fin (facultatif)
programme-title-en = Titre en anglais
programme-title-fr = Titre en français
programme-title-nl = Titre en néerlandais
programme-speakers = Intervenants
programme-speakers-hint = Un par ligne, p. ex. « Sammy Mahdi, secrétaire d’État à l’Asile et la Migration ».
programme-add = Ajouter un point au programme
programme-remove = Retirer ce point
question-add = Ajouter une question
question-remove = Retirer cette question
question-label-en-hint = Obligatoire. La clé de la question pour les exports et l’API en est tirée une fois pour toutes.
question-key-shown = Les exports et l’API la nomment « { $key } ».
row-up = Monter
row-down = Descendre
row-remove = Retirer
copy-title = Copier vers une nouvelle édition
copy-what = Crée un brouillon avec les mêmes textes, traductions, questions, programme, places et réglages d’entrée, aux nouvelles dates. Personne n’est encore inscrit ni invité.
copy-zone = Heure de { $zone }, comme cet événement.
copy-button = Faire la copie
done-copied = Voici la copie, encore en brouillon. Vérifiez-la, puis publiez-la.
invite-title = Inviter une édition précédente
invite-publish-first = Publiez d’abord cet événement : les invitations mènent à son formulaire d’inscription.
invite-no-earlier = Aucun événement antérieur dont inviter les participants.
invite-what = { $count ->
    [0] Chaque personne reçoit un lien personnel qui remplit le formulaire pour elle, dans sa langue.
    [one] Chaque personne reçoit un lien personnel qui remplit le formulaire pour elle, dans sa langue. La personne qui a demandé à être invitée aux prochaines éditions l’est aussi.
   *[other] Chaque personne reçoit un lien personnel qui remplit le formulaire pour elle, dans sa langue. Les { $count } personnes qui ont demandé à être invitées aux prochaines éditions le sont aussi.
}
invite-from = Inviter les participants de
invite-who = Qui
invite-who-attended = Les personnes venues (entrée enregistrée ou connectées en ligne)
invite-who-all = Toutes les personnes inscrites qui n’ont pas annulé
invite-skipped = Personne n’est invité deux fois : les personnes déjà inscrites ou invitées ici, et celles qui ne veulent plus d’invitations, sont laissées de côté.
invite-button = Envoyer les invitations
done-invited = { $count ->
    [0] Personne de nouveau à inviter : tout le monde est déjà inscrit ou invité.
    [one] 1 invitation est en route.
   *[other] { $count } invitations sont en route.
}
edition-title = Prochaine édition
edition-hint = Préparez la rencontre de l’an prochain à partir de celle-ci, puis invitez les personnes venues.
count-held = Réservées aux intervenants et hôtes
count-held-given = { $given } sur { $held } attribuées
registration-status = Statut
filter-attended = Présence
filter-attended-yes = Venus (entrée ou connexion)
filter-attended-no = Pas (encore) venus
held-new = Attribuer une place réservée à une nouvelle personne
held-badge = place réservée
held-new-what = Pour un intervenant ou un hôte : une place retenue pour eux ({ $given } sur { $held } attribuées). La personne reçoit la confirmation habituelle avec son billet.
held-new-email-hint = La confirmation et le billet sont envoyés à cette adresse.
held-new-button = Attribuer la place
badges-title = Badges nominatifs
badges-count = { $count ->
    [0] Aucune inscription sur place confirmée ne correspond : aucun badge à imprimer.
    [one] 1 badge, pour l’inscription sur place confirmée qui correspond aux filtres de la liste.
   *[other] { $count } badges, pour les inscriptions sur place confirmées qui correspondent aux filtres de la liste.
}
badges-hint = Imprimez sur des planches A4 de 8 étiquettes de 85 × 54 mm, à 100 % (sans « ajuster à la page »), sans marges ni en-têtes.
badges-sheet = Planche { $n }
bulk-label = Pour les personnes cochées
bulk-resend = Renvoyer leur confirmation
bulk-switch = Changer leur mode…
bulk-cancel = Annuler leur inscription…
bulk-button = Valider
bulk-select-all = Cocher tout le monde sur cette page
bulk-select = Cocher { $name }
column-registered = Inscription
column-attended = Présence
row-menu = Actions
row-open = Ouvrir
action-hold = Attribuer une place réservée
action-cancel-ellipsis = Annuler…
attended-checked-in = Entrée le { $time }
attended-joined = Connexion le { $time }
done-people-cancelled-one = L’inscription de { $name } est annulée ; la personne est prévenue par courriel.
done-people-switched-one = { $name } participe désormais autrement ; la personne est prévenue par courriel.
done-people-promoted-one = { $name } a maintenant une place ; la personne est prévenue par courriel.
done-people-held-one = { $name } a maintenant une place réservée.
done-people-resent-one = La confirmation de { $name } est renvoyée.
done-people-full-one = Aucune place libre pour { $name } dans ce mode. Rien n’a été modifié.
done-people-is-cancelled-one = L’inscription de { $name } est annulée : rien n’a été modifié.
done-people-not-possible-one = Ce n’est pas possible pour { $name } maintenant. Rien n’a été modifié.
done-people-cancelled = { $count ->
    [one] 1 inscription est annulée ; la personne est prévenue par courriel.
   *[other] { $count } inscriptions sont annulées ; chaque personne est prévenue par courriel.
}
done-people-switched = { $count ->
    [one] 1 personne participe désormais autrement ; elle est prévenue par courriel.
   *[other] { $count } personnes participent désormais autrement ; chacune est prévenue par courriel.
}
done-people-resent = { $count ->
    [0] Aucune personne cochée n’est encore inscrite : rien n’a été envoyé.
    [one] 1 confirmation est renvoyée.
   *[other] { $count } confirmations sont renvoyées.
}
done-people-full = L’un des changements n’avait pas de place libre, donc personne n’a changé de mode. Rien n’a été modifié.
done-people-not-possible = Ce n’est pas possible maintenant pour l’une des personnes, donc rien n’a été modifié.
done-people-none-selected = Cochez d’abord au moins une personne.
people-confirm-cancel-title = { $count ->
    [one] Annuler cette inscription ?
   *[other] Annuler { $count } inscriptions ?
}
people-confirm-switch-title = { $count ->
    [one] Changer le mode de cette personne ?
   *[other] Changer le mode de { $count } personnes ?
}
people-confirm-none = Plus personne dans cette sélection n’est inscrit : il n’y a rien à faire.
people-confirm-cancel-what = { $count ->
    [one] La personne ci-dessous perd sa place et reçoit une annulation avec l’annulation du rendez-vous d’agenda. Une place libérée va aussitôt à la liste d’attente.
   *[other] Les { $count } personnes ci-dessous perdent leur place et reçoivent chacune une annulation avec l’annulation du rendez-vous d’agenda. Les places libérées vont aussitôt à la liste d’attente.
}
people-confirm-switch-what = { $count ->
    [one] La personne ci-dessous passe à l’autre mode, s’il y reste une place, et reçoit son nouveau billet ou son lien de diffusion.
   *[other] Les { $count } personnes ci-dessous passent à l’autre mode et reçoivent chacune leur nouveau billet ou lien de diffusion. Si l’une d’elles ne trouve pas de place, personne ne change.
}
people-note-hint = Il figure dans chaque courriel d’annulation, par ex. la raison et la suite.
people-confirm-cancel-button = { $count ->
    [one] Annuler et prévenir la personne
   *[other] Annuler et prévenir { $count } personnes
}
people-confirm-switch-button = { $count ->
    [one] Changer et prévenir la personne
   *[other] Changer et prévenir { $count } personnes
}
person-consent = Donné le { $when } ({ $how })
person-ticket = Code du billet
person-details = Coordonnées et réponses
person-mails = Courriels
person-mail-queued = En file
person-mail-state = État
person-no-mails = Aucun courriel n’a été envoyé à cette personne.
person-history = Historique
notice-edited = Les coordonnées sont enregistrées.
notice-held = La place réservée est attribuée.
history-registered = Inscription ({ $mode }) : { $status }
history-walk_in = Inscription à l’entrée, sur place
history-promoted = Place obtenue depuis la liste d’attente ({ $mode })
history-switched = Passage de { $from } à { $to }
history-edited = Modifié : { $fields }
history-cancelled = Annulation
history-held_seat_given = Place réservée attribuée (auparavant { $from_mode })
history-checked_in = Entrée enregistrée
history-check_in_undone = Entrée annulée
history-exit = Sortie de la salle
history-returned = Retour dans la salle
history-joined = Connexion en ligne ({ $count } fois)
history-mailed = Courriel : { $mail } ({ $status })
history-unknown = Modification
history-by-registrant = par la personne inscrite
history-by-organizer = par { $who }
history-by-desk = à l’accueil { $who }
history-by-system = par Convene
mail-kind-confirmation = Confirmation
mail-kind-waitlisted = Liste d’attente
mail-kind-cancelled = Annulation
mail-kind-manage_link = Son lien, à nouveau
mail-kind-no_seat_freed = Aucune place libérée
mail-kind-event_updated = Événement modifié
mail-kind-event_cancelled = Événement annulé
mail-kind-reminder = Rappel
mail-kind-invitation = Invitation
filters-more = Filtres et ordre
sort-label = Trier par
sort-direction = Sens
sort-asc = De A à Z, le plus ancien d’abord
sort-desc = De Z à A, le plus récent d’abord
sort-name = Nom
sort-organization = Organisation
sort-mode = Participation
sort-status = Statut
sort-registered = Inscription
sort-attended = Présence
person-mail-sent-at = Envoyé le { $when }
bulk-export = Les télécharger en tableur (CSV)
by-desk-title = Entrées par poste d’accueil
by-desk-desk = Poste
action-newlinks = Créer de nouveaux liens et les envoyer
notice-newlinks = De nouveaux liens sont créés : l’ancien billet et les anciens liens ne fonctionnent plus, les nouveaux sont envoyés à la personne.
notice-secret-unavailable = Le billet et les liens de cette personne ne peuvent pas être renvoyés : la clé secrète du serveur n’est pas celle avec laquelle ils ont été créés. Créez de nouveaux liens.
done-people-newlinks-one = { $name } a de nouveaux liens, envoyés par courriel ; les anciens ne fonctionnent plus.
done-people-secret-unavailable-one = Le billet et les liens de { $name } ne peuvent pas être renvoyés (la clé secrète du serveur a changé) : ouvrez sa page et créez de nouveaux liens.
history-new_links = Nouveau billet et nouveaux liens créés

## Vie privée : conservation, effacement, journal
event-section-privacy = Données personnelles
event-retention = Conserver les données des inscrits, en jours après l'événement
event-retention-hint = Noms, adresses et réponses sont ensuite effacés automatiquement ; les chiffres restent. 180 jours sauf choix contraire.
event-retention-hint-on = Avec ces dates, elles sont effacées le { $when } ; les chiffres restent.
privacy-title = Données personnelles
privacy-due-on = Les noms, adresses et réponses des inscrits sont conservés { $days } jours après l'événement : ils sont effacés le { $when }. Les chiffres restent.
privacy-erased-on = Les données personnelles des inscrits ont été effacées le { $when }. Les chiffres restent.
privacy-change = Modifier la durée
privacy-erase-now = Effacer les données personnelles maintenant…
done-erased = { $count ->
    [one] Les données personnelles d'une inscription ont été effacées.
   *[other] Les données personnelles de { $count } inscriptions ont été effacées.
}
erase-event-title = Effacer les données personnelles de cet événement
erase-event-what = { $count ->
    [0] Aucune inscription n'a encore de données personnelles.
    [one] Le nom, l'adresse, les réponses, le billet et les liens d'une inscription seront effacés, avec les e-mails qui lui ont été écrits.
   *[other] Les noms, adresses, réponses, billets et liens de { $count } inscriptions seront effacés, avec les e-mails qui leur ont été écrits.
}
erase-kept = Conservés : le mode, le statut, l'organisation, la langue et les dates de chaque inscription, pour que tous les chiffres et le rapport par organisation restent identiques.
erase-final = Cette action est irréversible.
erase-event-button = { $count ->
    [one] Effacer les données personnelles d'une inscription
   *[other] Effacer les données personnelles de { $count } inscriptions
}
erase-event-not-yet = Les données personnelles d'un événement peuvent être effacées en bloc une fois l'événement terminé ou annulé. Avant cela, effacez une personne depuis sa page.
erase-person-title = Effacer les données personnelles de cette personne
erase-person-what = Le nom, l'adresse, les réponses, le billet et les liens de { $name } seront effacés, avec les e-mails qui lui ont été écrits. Ses liens cessent aussitôt de fonctionner.
erase-person-seat = Son inscription est d'abord annulée (la place libérée revient à la liste d'attente) ; elle ne reçoit pas d'e-mail.
erase-person-button = Effacer les données personnelles
action-erase-ellipsis = Effacer les données personnelles…
person-erased-name = Inscription effacée
person-erased = Données personnelles effacées le { $when }. L'inscription compte toujours dans les chiffres.
notice-erased = Les données personnelles ont été effacées.
copy-retention = La copie conserve les données des inscrits { $days } jours après sa propre fin, comme cet événement ; vous pourrez le changer dans le formulaire de la nouvelle édition.
audit-title = Journal
audit-hint = Qui a exporté les inscrits, téléchargé la liste d'accueil, effacé des données personnelles ou modifié les paramètres, du plus récent au plus ancien. Aucun inscrit n'y est nommé.
audit-when = Quand
audit-who = Qui
audit-what = Quoi
audit-count = Inscriptions
audit-none = Rien n'a encore été enregistré.
audit-newest = Plus récents
audit-older = Plus anciens
audit-action-export = Export
audit-action-checkin-index = Liste d'accueil téléchargée par un poste d'accueil
audit-action-erase-event = Données personnelles de l'événement effacées
audit-action-erase-person = Données d'une personne effacées
audit-action-retention-erase = Effacées à la fin de la durée de conservation
audit-action-settings-change = Paramètres modifiés
audit-action-mailing = Envoi groupé

## Qui peut s'inscrire, et la file des demandes.
event-section-access = Qui peut s'inscrire
event-access-open = Toute personne ayant la page de l'événement
event-access-open-hint = Les inscriptions prennent une place tout de suite, ou rejoignent la liste d'attente.
event-access-invitation = Uniquement les personnes invitées
event-access-invitation-hint = Un lien d'invitation personnel (d'une liste de partenaires importée ou de « Inviter une édition précédente »), ou une adresse de l'un des domaines ci-dessous.
event-access-approval = Tout le monde peut demander ; les organisateurs acceptent
event-access-approval-hint = Les demandes ne prennent aucune place avant que vous les acceptiez depuis la file des demandes ; elles reçoivent alors une place ou rejoignent la liste d'attente comme une nouvelle inscription.
event-allowed-domains = Domaines sans invitation nécessaire
event-allowed-domains-hint = Un par ligne, par exemple fedasil.be. Seulement pour les événements sur invitation ; le domaine entier doit correspondre.
approvals-title = Demandes de participation
approvals-intro = Les plus anciennes d'abord. Accepter donne une place à chaque personne si une place est libre dans son mode, sinon la met sur liste d'attente ; chacune reçoit un courriel. Refuser lui envoie votre message.
approvals-not-approval = Cet événement ne demande plus d'accord ; ces demandes attendent encore votre décision.
approvals-none = Aucune demande n'attend.
approvals-declined-count = { $count ->
    [one] Une demande a été refusée.
   *[other] { $count } demandes ont été refusées.
}
approvals-count = { $count ->
    [one] Une demande attend votre décision.
   *[other] { $count } demandes attendent votre décision.
}
approvals-approve-selected = Accepter la sélection
approvals-decline-selected = Refuser la sélection…
approvals-answers = Réponses
approvals-requested = Demandé le
approvals-more = { $count } autres demandes suivent ; décidez d'abord de celles-ci.
approvals-done-approved = Acceptées : { $seated } avec une place, { $waitlisted } sur liste d'attente.{ $full ->
    [0] {""}
   *[other] { " " }{ $full } n'ont pas pu être acceptées : ce mode est complet et l'événement n'a pas de liste d'attente.
}
approvals-done-declined = { $count ->
    [one] Une demande refusée ; la personne est prévenue par courriel.
   *[other] { $count } demandes refusées ; chaque personne est prévenue par courriel.
}
approvals-none-selected = Cochez d'abord les demandes.
approvals-decline-title = { $count ->
    [one] Refuser cette demande ?
   *[other] Refuser { $count } demandes ?
}
approvals-decline-what = { $count ->
    [one] La personne reçoit un courriel indiquant que sa demande est refusée, avec votre message si vous en écrivez un. Ce refus est définitif.
   *[other] Chaque personne reçoit un courriel indiquant que sa demande est refusée, avec votre message si vous en écrivez un. Ce refus est définitif.
}
approvals-decline-message = Message pour la personne (facultatif)
approvals-decline-hint = Affiché dans le courriel, sous « Un message des organisateurs ». Texte simple, 2 000 caractères au plus.
approvals-decline-button = { $count ->
    [one] Refuser et prévenir
   *[other] Refuser les { $count } et les prévenir
}
approvals-keep = Revenir sans refuser
approvals-link = { $count ->
    [0] Demandes de participation
    [one] Une demande de participation
   *[other] { $count } demandes de participation
}
approvals-review = Examiner la demande…
count-pending = Demandes en attente
count-declined = Refusées
history-approved = Demande acceptée : { $status }
history-declined = Demande refusée
mail-kind-request_received = Demande reçue
mail-kind-declined = Demande refusée
person-pending = Cette demande attend votre décision : acceptez-la ou refusez-la depuis la file des demandes.

## Places équitables pour les organisations partenaires.
history-cap_overridden = Admis au-delà de la limite de l'organisation
history-transferred = Cédée à un collègue (données de l'ancien titulaire effacées)
mail-kind-transfer_notice = Avis à l'ancien titulaire
import-outcome-organization_full = Places de l'organisation utilisées
organizations-title = Par organisation
organizations-none = Aucune organisation pour l'instant.
organizations-export = Rapport par organisation (CSV)
organizations-column-name = Organisation
organizations-column-in-person = Sur place
organizations-column-online = En ligne
organizations-column-waitlisted = En attente
organizations-column-checked-in = Enregistrés
organizations-column-joined = En ligne (connectés)
event-organization-cap = Places dans la salle par organisation
event-organization-cap-hint = Vide : pas de limite. Avec 2, au plus deux personnes d'une même organisation ont une place dans la salle ; les autres attendent (ou suivent en ligne), et une place libérée par une organisation peut aller à une autre.
event-organization-cap-lifts = La limite est levée le
event-organization-cap-lifts-hint = En général la veille : dès lors, les personnes en attente reçoivent les places qui se libèrent, quelle que soit leur organisation. Vide : la limite vaut jusqu'à la réunion.
organizations-merge-tick = Cocher pour fusionner
organizations-merge-into = Fusionner les graphies cochées en
organizations-merge-button = Fusionner
organizations-merge-hint = Une organisation écrite de plusieurs façons : cochez-les et indiquez le nom à garder (vide : la première cochée). Les inscriptions suivantes avec ces graphies comptent pour elle.
done-merged = Les graphies sont fusionnées en une organisation.
done-merge-none = Cochez au moins deux graphies, ou une et le nom dans lequel la fusionner.

# Mailings to registrants.
mailings-link = Écrire aux inscrit·es
mailings-title = Envois groupés
mailings-intro = Écrivez à un groupe d’inscrit·es à cette réunion : chacun·e reçoit le texte dans sa langue, avec ses propres liens.
mailings-none = Aucun envoi pour l’instant.
mailing-new-title = Nouvel envoi
mailing-new-intro = Choisissez qui le reçoit, écrivez le texte en anglais et, si vous le souhaitez, en français et en néerlandais, puis prévisualisez et vérifiez avant l’envoi.
mailing-group = Destinataires
mailing-group-hint = Ne cochez rien dans un groupe pour inclure tout le monde. Les inscriptions annulées ou refusées ne reçoivent jamais de message.
mailing-to-modes = Participation
mailing-to-statuses = Statut de l’inscription
mailing-to-attended = Présence jusqu’ici
mailing-to-organizations = Organisations
mailing-organizations-hint = Ne cochez rien pour écrire à toutes les organisations.
mailing-attended-any = Tout le monde
mailing-attended-yes = Venu·es (enregistré·es ou connecté·es)
mailing-attended-no = Pas (encore) venu·es
mailing-everyone = Tous les inscrit·es qui peuvent recevoir un message
mailing-tally = { $recipients ->
    [one] Cet envoi part à 1 personne.
   *[other] Cet envoi part à { $recipients } personnes.
}
mailing-tally-skipped = { $skipped ->
    [one] 1 autre personne du groupe ne le reçoit pas (annulée, refusée, effacée ou sans adresse).
   *[other] { $skipped } autres personnes du groupe ne le reçoivent pas (annulées, refusées, effacées ou sans adresse).
}
mailing-text = Texte
mailing-placeholders-hint = Les données de chaque personne remplacent ces champs :
mailing-fallback-hint = Les personnes dont la langue n’a pas de texte reçoivent la version anglaise. Les liens deviennent cliquables.
mailing-subject = Objet
mailing-body = Message
mailing-when = Quand
mailing-when-now = Maintenant
mailing-when-later = À une heure choisie
mailing-send-at = Envoyer le
mailing-send-at-hint = À l’heure de la réunion ({ $zone }).
mailing-preview = Aperçu
mailing-preview-as = Voir comme
mailing-show-preview = Afficher l’aperçu
mailing-send-test = Envoyer un test à { $email }
mailing-preview-of = Tel que { $person } le lira ({ $language })
mailing-nobody = Personne dans ce groupe ne peut encore recevoir de message.
mailing-test-sent = Un test, tel que { $person } le lira, part vers { $email }.
mailing-review = Vérifier avant l’envoi
mailing-review-title = Vérifier et envoyer
mailing-languages = Rédigé en
mailing-edit = Revenir au texte
mailing-confirm-schedule = Programmer pour le { $at }
mailing-confirm-now = { $count ->
    [one] Envoyer maintenant à 1 personne
   *[other] Envoyer maintenant à { $count } personnes
}
mailing-status = Statut
mailing-status-scheduled = Programmé
mailing-status-sending = En cours d’envoi
mailing-status-sent = Envoyé
mailing-status-cancelled = Annulé
mailing-figures = Messages
mailing-figures-line = { $sent } envoyés sur { $recipients }
mailing-failed-count = { $failed } en échec
mailing-skipped-count = { $skipped } non envoyés
mailing-by = Rédigé par
mailing-written-by = { $who }, { $when }
mailing-count-recipients = Destinataires
mailing-count-skipped = Non envoyés
mailing-skipped-hint = Non envoyés : dans le groupe, mais annulés, refusés, effacés ou sans adresse au début de l’envoi.
mailing-following = Cette page suit l’envoi et s’actualise d’elle-même.
mailing-cancel = Annuler cet envoi programmé
mailing-retry-all = { $failed ->
    [one] Renvoyer le message en échec
   *[other] Renvoyer les { $failed } messages en échec
}
mailing-recipients = Destinataires
mailing-language = Langue
mailing-actions = Actions
mailing-erased = (données personnelles effacées)
mailing-retry-one = Renvoyer
mailing-more = { $count ->
    [one] Et 1 autre destinataire, déjà servi ou en cours.
   *[other] Et { $count } autres destinataires, déjà servis ou en cours.
}
mailing-done-cancelled = L’envoi est annulé : rien n’en partira.
mailing-done-retried = Le message en échec repart.
mailing-done-created = L’envoi est enregistré. Ses messages partent maintenant, ou à l’heure choisie.
mail-kind-mailing = Envoi groupé
mail-kind-mailing_test = Test d’un envoi groupé
registrations-write = Écrire à ces personnes
history-mailing = Envoi groupé « { $subject } »
