## Pages publiques et éléments communs.

skip-to-content = Aller au contenu
language-switch = Langue
language-en = English
language-fr = Français
language-nl = Nederlands
footer-powered = Propulsé par Convene
required = obligatoire
yes = Oui
no = Non
title-error-prefix = Erreur :
error-summary-title = Il y a un problème

not-found-title = Page introuvable
not-found-text = Il n'y a pas de page à cette adresse. Si vous avez suivi un lien reçu par mail, vérifiez qu'il a été copié en entier.
forbidden-title = Action non autorisée
forbidden-text = Vous ne pouvez pas faire cela ici. Si vous pensez qu'il s'agit d'une erreur, revenez en arrière, rechargez la page et réessayez.

field-first_name = Prénom
field-last_name = Nom
field-name = Nom
field-email = Adresse e-mail
field-organization = Organisation
field-mode = Comment participerez-vous ?
field-consent = Consentement
field-language = Langue des messages
field-answers = Réponses

online-after-registration = Le lien personnel vers la diffusion est envoyé après l'inscription.
register-heading = S'inscrire
email-hint = Votre confirmation et votre lien personnel sont envoyés à cette adresse.
consent-label = J'accepte que les organisateurs conservent mes données pour gérer cette réunion et compter les participants.
consent-retention = Elles sont effacées { $days ->
        [one] un jour
       *[other] { $days } jours
    } après sa fin.
register-button = M'inscrire
lost-link-question = Déjà inscrit·e et vous avez perdu votre lien ?

seats-unlimited = places disponibles
seats-waitlist = complet : vous rejoignez la liste d'attente
seats-full = complet
seats-left = { $count ->
    [one] 1 place restante
   *[other] { $count } places restantes
}

event-cancelled = Cette réunion est annulée.
registration-closed = Les inscriptions à cette réunion sont closes.
already-registered = Vous êtes déjà inscrit·e avec cette adresse e-mail. Nous vous avons renvoyé votre lien personnel.

error-required = Remplissez ce champ.
error-email = Indiquez une adresse e-mail comme nom@exemple.org.
error-consent = Cochez la case pour donner votre accord, afin que nous puissions vous inscrire.
error-mode = Choisissez sur place ou en ligne.
error-choice = Choisissez une des options.
error-full = Il n'y a plus de place libre dans ce mode.
error-switch-closed = La réunion a commencé : votre mode de participation ne peut plus changer.

manage-title = Votre inscription
registered-confirmed = Vous êtes inscrit·e. Une confirmation est en route vers votre boîte mail.
registered-waitlist = Vous êtes sur la liste d'attente. Nous vous écrirons dès qu'une place se libère.
status-confirmed = Confirmée
status-waitlisted = Sur la liste d'attente
status-cancelled = Annulée
join-button = Suivre la réunion en ligne
switch-heading = Changer de mode de participation
switch-to = Passer en « { $mode } »
edit-heading = Vos informations
save-button = Enregistrer
cancel-heading = Annuler votre inscription
cancel-button = Annuler mon inscription
register-again = Se réinscrire
cancel-confirm-title = Annuler votre inscription ?
cancel-confirm-text = Votre place à { $event } sera attribuée à quelqu'un d'autre.
cancel-confirm-button = Oui, annuler mon inscription
cancel-keep = Non, garder mon inscription

lost-link-title = Lien perdu ?
lost-link-text = Indiquez l'adresse e-mail utilisée pour vous inscrire. Si une inscription existe, nous vous envoyons son lien personnel.
lost-link-button = Envoyer mon lien
lost-link-sent = Si une inscription existe pour cette adresse, son lien personnel est en route.
back-to-event = Retour à l'événement

multi-hint = Cochez tout ce qui s'applique.
done-switched = { $status ->
    [waitlisted] Vous êtes maintenant sur la liste d'attente pour participer { $mode ->
        [in_person] sur place
       *[online] en ligne
    }.
   *[other] { $mode ->
        [in_person] Vous participez maintenant sur place. Votre billet est ci-dessous et vous est envoyé par e-mail.
       *[online] Vous participez maintenant en ligne. Votre lien de diffusion est ci-dessous et vous est envoyé par e-mail.
    }
}
done-cancelled = Votre inscription est annulée. Une confirmation vous est envoyée par e-mail.
done-saved = Enregistré. Modifié : { $fields }.
done-nothing-changed = Enregistré. Rien n'avait changé.
room-full-online-waitlist = La salle est complète, mais vous pouvez suivre la réunion en ligne. Vous pouvez aussi rejoindre la liste d'attente pour une place : si une place se libère avant la réunion, nous vous la confirmons par e-mail ; en attendant, vous pouvez suivre en ligne.
room-full-online = La salle est complète, mais vous pouvez suivre la réunion en ligne.
room-full-waitlist = La salle est complète. Vous pouvez rejoindre la liste d'attente : si une place se libère avant la réunion, nous vous la confirmons par e-mail.
room-full = La salle est complète.

# Time zones as readers name them (`zone-<iana name>`), offsets added by the code.
zone-europe-brussels = heure de Bruxelles
zone-europe-amsterdam = heure d'Amsterdam
zone-europe-paris = heure de Paris
zone-europe-luxembourg = heure de Luxembourg
zone-europe-berlin = heure de Berlin
zone-europe-london = heure de Londres
zone-europe-lisbon = heure de Lisbonne
zone-europe-madrid = heure de Madrid
zone-europe-rome = heure de Rome
zone-europe-warsaw = heure de Varsovie
zone-europe-athens = heure d'Athènes
zone-europe-istanbul = heure d'Istanbul
zone-other = heure de { $city }
error-generic = Un problème est survenu. Rien n'a été modifié.
error-code-validation = Une partie de ce qui a été envoyé ne peut pas être utilisée. Rien n'a été modifié.
error-code-conflict = Cette modification n'est pas possible pour le moment. Rien n'a été modifié.
error-code-bad-request = Cette demande ne peut pas être lue. Revenez en arrière et réessayez.
error-code-payload-too-large = Ce qui a été envoyé est trop volumineux.
error-code-rate-limited = Trop de tentatives. Attendez une minute et réessayez.
error-code-internal = Un problème est survenu de notre côté. Il a été enregistré ; réessayez dans un instant.
error-code-registration-closed = Les inscriptions à cet événement sont clôturées.
error-code-capacity-full = Il n'y a plus de place libre dans ce mode.
privacy-notice = Politique de confidentialité
privacy-notice-read = Comment nous utilisons vos données : la politique de confidentialité (s'ouvre dans un nouvel onglet)
meta-description = Inscriptions et présences : { $organizer }.
stop-title = Invitations aux prochaines éditions
stop-text = Ne plus inviter { $email } aux prochaines éditions de nos rencontres ? Vous ne recevrez plus d’invitations. Vos inscriptions en cours restent inchangées.
stop-button = Ne plus m’inviter
stop-done = C’est fait : { $email } ne sera plus invité aux prochaines éditions.
stop-done-more = Vous changez d’avis ? Cochez « M’inviter aux prochaines éditions » lors de votre prochaine inscription.
programme-heading = Programme
programme-times = Heures indiquées : { $zone }.
future-invitations-label = M’inviter aux prochaines éditions de cette rencontre
future-invitations-hint = Facultatif. Nous gardons vos nom, organisation et e-mail à cette seule fin ; chaque invitation contient un lien pour les arrêter.
secret-unavailable = Votre billet ne peut pas être affiché ici pour le moment. Présentez le billet de votre courriel de confirmation à l’entrée, ou demandez un nouveau lien aux organisateurs.

## Les données de l'inscrit
data-heading = Vos données
data-hint = Nous conservons vos données jusqu'à { $days } jours après la réunion, puis nous les effaçons. Vous pouvez télécharger tout ce que nous détenons sur vous, ou le faire effacer maintenant.
data-download = Télécharger mes données (JSON)
forget-link = Effacer mes données…
forget-title = Effacer vos données ?
forget-what = Votre nom, votre adresse, vos réponses, votre billet et vos liens pour « { $event } » seront effacés, avec les e-mails que nous vous avons écrits. Ce lien cesse aussitôt de fonctionner.
forget-seat = Votre inscription est d'abord annulée ; la place libérée revient à la prochaine personne en attente.
forget-final = Cette action est irréversible. Les organisateurs ne conservent qu'un décompte des inscriptions.
forget-button = Effacer mes données
forgotten-title = Vos données sont effacées
forgotten-text = Nous ne détenons plus votre nom, votre adresse ni vos réponses pour cette réunion, et vos liens ne fonctionnent plus. Merci.

## Qui peut s'inscrire (la règle d'accès d'un événement).
status-pending = Demande en attente d'examen
status-declined = Demande refusée
request-heading = Demander à participer
request-button = Envoyer ma demande
access-invitation-title = Inscription sur invitation
access-invitation-yours = Vous êtes invité·e : vos coordonnées sont remplies ci-dessous. Vérifiez-les, choisissez comment vous participez et confirmez.
access-invitation-text = Pour vous inscrire, ouvrez le lien personnel de votre courriel d'invitation.
access-invitation-lost = Invitation perdue ? Nous pouvons vous la renvoyer.
access-invitation-domains = Le personnel des organisations partenaires peut aussi s'inscrire ci-dessous avec son adresse professionnelle se terminant par { $domains }.
access-approval-title = L'inscription est soumise à l'accord des organisateurs
access-approval-text = Envoyez votre demande ci-dessous : elle ne réserve pas encore de place. Les organisateurs examinent les demandes au fur et à mesure et répondent à chacune par courriel. Les demandes sont acceptées jusqu'au { $until }.
not-invited = Cette adresse ne figure pas sur la liste des invités. Utilisez le lien personnel de votre courriel d'invitation, ou demandez-le à nouveau avec le lien ci-dessous.
registered-pending = Votre demande est envoyée. Les organisateurs vous communiqueront leur décision par courriel ; une copie de votre demande arrive dans votre boîte de réception.
pending-explained = Les organisateurs n'ont pas encore décidé. Aucune place ne vous est réservée tant qu'ils n'ont pas accepté votre demande ; vous recevrez leur réponse par courriel.
declined-explained = Les organisateurs n'ont pas pu accepter votre demande pour cette réunion.
withdraw-heading = Retirer votre demande
withdraw-button = Retirer ma demande
lost-link-text-invited = Saisissez votre adresse e-mail. Si vous êtes inscrit·e ou invité·e, nous vous envoyons votre lien personnel.
lost-link-sent-invited = Si cette adresse est inscrite ou invitée, son lien personnel est en route.

## Places équitables pour les organisations partenaires, et céder sa place à un collègue.
organization-full-wait = Rejoindre plutôt la liste d'attente pour la salle
organization-full-hint = Votre organisation a utilisé ses places dans la salle. Vous pouvez suivre en ligne, ou rejoindre la liste d'attente pour la salle.
waiting-organization-cap = Votre organisation a utilisé ses places dans la salle : vous êtes donc sur la liste d'attente. Si l'une de ses places se libère, ou si la limite est levée avant la réunion, la place vous revient dans l'ordre.
transfer-heading = Envoyer un collègue à votre place
transfer-offer = Vous ne pouvez pas venir ? Cédez votre inscription à un collègue : il garde votre place et reçoit son propre billet et son propre lien.
transfer-link = Céder mon inscription à un collègue…
transfer-title = Céder votre inscription à un collègue
transfer-intro = Votre collègue reprend votre place telle qu'elle est (dans la salle, en ligne ou sur liste d'attente) et reçoit par courriel son propre billet et son lien personnel.
transfer-email-hint = La confirmation et le lien personnel de votre collègue sont envoyés à cette adresse.
transfer-next = Continuer
transfer-keep = Garder mon inscription
transfer-change = Modifier ces coordonnées
transfer-confirm = Céder votre inscription à { $name } ({ $email }) ?
transfer-consequences = Votre billet et votre lien personnel cessent aussitôt de fonctionner, vos données sont effacées de cette inscription et nous vous envoyons un avis par courriel. C'est définitif.
transfer-confirm-button = Oui, céder l'inscription
transferred-title = Inscription cédée
transferred-done = Votre inscription appartient désormais à { $name }. Nous lui avons envoyé son billet et son lien personnel.
transferred-erased = Vos données en sont effacées et votre ancien lien n'ouvre plus rien.
