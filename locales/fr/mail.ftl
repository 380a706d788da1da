## Mails. Arguments : $name (prénom), $event (titre), $from / $to (modes de participation).

greeting = Bonjour { $name },
signature = Bien cordialement,
signature-team = Les organisateurs
signature-questions = Une question ? Répondez à cet e-mail ou écrivez à { $email }.

subject-confirmation = Votre inscription : { $event }
subject-promoted = Une place s'est libérée pour vous : { $event }
subject-mode-switched = Votre participation a changé : { $event }
subject-waitlisted = Vous êtes sur la liste d'attente : { $event }
subject-cancelled = Inscription annulée : { $event }
subject-manage-link = Votre lien d'inscription : { $event }
subject-no-seat-freed = Aucune place libérée : { $event }
subject-event-updated = Modification : { $event }
subject-event-cancelled = Annulation : { $event }
subject-reminder = Rappel : { $event }

confirmation-in-person = Votre place est confirmée. Présentez le code QR ci-dessous (ou le code du billet) à l'entrée.
confirmation-online = Votre participation en ligne est confirmée. Utilisez votre lien personnel ci-dessous pour suivre la réunion.
promoted-intro = Bonne nouvelle : une place s'est libérée et elle est pour vous.
mode-switched-intro = Votre participation est passée de « { $from } » à « { $to } ».
waitlisted-intro = La salle est complète : vous êtes sur la liste d'attente. Si une place se libère avant le début de la réunion, elle vous revient dans l'ordre des inscriptions et nous vous écrirons aussitôt.
waitlisted-hybrid = En attendant, vous pouvez suivre la réunion en ligne avec votre lien personnel ci-dessous, tout en gardant votre place sur la liste.
cancelled-intro = Votre inscription a été annulée. S'il s'agit d'une erreur, vous pouvez vous réinscrire sur la page de l'événement.
manage-link-repeated = Vous êtes déjà inscrit·e à cet événement. Voici à nouveau votre lien personnel pour consulter ou modifier votre inscription.
manage-link-lost = Voici votre lien personnel pour consulter ou modifier votre inscription.
no-seat-freed-intro = La réunion commence et malheureusement aucune place ne s'est libérée dans la salle.
no-seat-freed-online = Vous pouvez toujours suivre la réunion en ligne avec votre lien personnel ci-dessous.
event-updated-intro = Les informations de la réunion ont changé. La nouvelle entrée d'agenda est jointe.
event-cancelled-intro = Nous sommes désolés : cette réunion est annulée. L'entrée d'agenda est retirée.
reminder-intro = Petit rappel de la réunion à laquelle vous êtes inscrit·e.

# Punctuation after a label (French puts a space before the colon).
colon = {" :"}
label-when = Quand
label-where = Où
label-online = En ligne
label-ticket = Code du billet
label-join = Votre lien personnel vers la diffusion
label-manage = Consulter, modifier ou annuler votre inscription
qr-alt = Code QR de votre billet
manage-hint = Ce lien est personnel : ne le transférez pas.
footer = Vous recevez ce message parce que vous êtes inscrit·e à cette réunion.

mode-in_person = sur place
mode-label-in_person = Sur place
mode-label-online = En ligne
mode-online = en ligne

weekday-1 = lundi
weekday-2 = mardi
weekday-3 = mercredi
weekday-4 = jeudi
weekday-5 = vendredi
weekday-6 = samedi
weekday-7 = dimanche
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Invitation from an imported partner list.
subject-invitation = Invitation : { $event }
invitation-intro = Vous êtes invité·e à la réunion ci-dessous. Vos coordonnées sont déjà remplies sur la page d'inscription : vérifiez-les, choisissez comment vous participez (sur place ou en ligne) et confirmez.
label-register = S'inscrire
invitation-hint = Ce lien est personnel : il remplit le formulaire avec vos coordonnées. Ne le transférez pas.
invitation-footer = Vous recevez ce message parce que les organisateurs vous ont invité·e à cette adresse. Si vous ne souhaitez pas participer, vous pouvez l'ignorer.
label-your-answers = Vos réponses
ticket-entrance = À l'entrée
ticket-show = Montrez le code QR sur votre téléphone ou sur papier. S'il ne peut pas être lu, l'équipe saisit le code du billet : { $code }.
ticket-bring = Munissez-vous d'une pièce d'identité ; votre nom figure sur la liste à l'accueil.
ticket-early = Arrivez un peu en avance : l'accueil prend une minute par personne.
sent-for = De la part de { $name }
label-your-registration = Votre inscription
label-registered-name = Nom
label-registered-organization = Organisation
label-registered-mode = Participation
label-registered-status = Statut
registration-status-confirmed = Confirmée
registration-status-waitlisted = En liste d'attente
registration-status-cancelled = Annulée
calendar-attached = L'entrée d'agenda est jointe : ouvrez-la pour ajouter la réunion à votre agenda, ou pour la mettre à jour.
invitation-steps = Comment ça marche
invitation-step-open = Ouvrez votre lien personnel ci-dessus : votre nom et votre organisation sont déjà remplis.
invitation-step-choose = Vérifiez-les, choisissez de venir dans la salle ou de suivre en ligne, et confirmez.
invitation-step-confirmed = Vous recevez aussitôt une confirmation : un billet pour la salle, ou votre lien personnel de diffusion.
label-organizer-note = Un message des organisateurs
invitation-stop = Vous ne souhaitez plus être invité·e aux prochaines éditions ?
invitation-stop-link = Arrêtez-les ici.
label-programme = Programme

## Demandes aux événements soumis à l'accord des organisateurs.
subject-request-received = Demande reçue : { $event }
subject-approved = Votre demande est acceptée : { $event }
subject-approved-waitlisted = Votre demande est acceptée, sur liste d'attente : { $event }
subject-declined = Votre demande : { $event }
request-received-intro = Nous avons bien reçu votre demande de participation. Les organisateurs examinent chaque demande et vous communiqueront leur décision par courriel. D'ici là, aucune place ne vous est réservée. Vous pouvez modifier ou retirer votre demande avec votre lien personnel ci-dessous.
approved-intro = Les organisateurs ont accepté votre demande.
approved-waitlisted-intro = Les organisateurs ont accepté votre demande, mais la salle est complète pour le moment : vous êtes donc sur la liste d'attente. Si une place se libère avant le début de la réunion, elle vous revient dans l'ordre et nous vous écrivons aussitôt.
declined-intro = Nous sommes désolés : les organisateurs ne peuvent pas accepter votre demande de participation à cette réunion.
registration-status-pending = En attente de l'examen des organisateurs
registration-status-declined = Refusée
greeting-anonymous = Bonjour,
invitation-intro-address = Voici votre lien d'inscription personnel pour la réunion ci-dessous. Ouvrez-le, indiquez votre nom, choisissez si vous venez dans la salle ou suivez en ligne, et confirmez.
invitation-step-open-address = Ouvrez votre lien personnel ci-dessus : votre adresse e-mail est déjà remplie.
label-manage-declined = Votre demande, et les données que nous conservons

## Places équitables, et inscriptions cédées à un collègue.
waitlisted-organization-intro = Votre organisation a utilisé ses places dans la salle : vous êtes donc sur la liste d'attente. Si l'une de ses places se libère, ou si la limite par organisation est levée avant le début de la réunion, la place vous revient dans l'ordre et nous vous écrivons aussitôt.
subject-transferred = Un collègue vous a cédé son inscription : { $event }
transferred-intro = Un collègue vous a cédé son inscription.
subject-transfer-notice = Votre inscription est cédée : { $event }
transfer-notice-intro = Comme vous l'avez demandé, votre inscription à la réunion ci-dessous appartient désormais à { $name }, qui a reçu son propre billet et son lien personnel.
transfer-notice-erased = Votre ancien billet et votre ancien lien ne fonctionnent plus, et vos données sont effacées de l'inscription.
transfer-notice-again = Si ce n'était pas vous, ou si vous souhaitez finalement venir, inscrivez-vous à nouveau sur la page de l'événement :
transfer-notice-footer = Vous recevez ce message parce que vous avez cédé votre inscription à un collègue.

# An organizers' mailing to registrants.
subject-mailing-test = [Test] { $subject }
mailing-test-note = Ceci est un test. Il montre le message tel que { $person } le recevra.
mailing-manage = Consulter ou modifier votre inscription :
mailing-manage-link = votre page d’inscription
mailing-footer = Vous recevez ce message parce que vous êtes inscrit·e à cette réunion : les organisateurs l’ont écrit à ses participant·es.
mailing-test-footer = Vous recevez ce test parce que vous l’avez demandé en rédigeant un envoi groupé ; personne d’autre ne l’a reçu.
