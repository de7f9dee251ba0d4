"""What a person reads on the pages of the journey, in English and in French.

The French side is written out by hand rather than taken from the catalogue: finding a button by
its French name is what proves that the page is translated.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    language: str
    prefix: str  # of every page's address
    locale: str  # of the browser
    project_name: str
    # log in
    email: str
    password: str
    log_in: str
    # portfolio and new project
    projects: str
    new_project: str
    name: str
    customer: str
    playbook: str
    path: str
    start_date: str
    country: str
    create: str
    created: str  # {name}
    # staffing
    add_to: str  # {role}
    assign: str
    now_holds: str  # {person}
    invite_heading: str
    contact_of: str
    send_invitation: str
    invitation_sent: str  # {email}
    # invitation
    invited: str  # {inviter} {workspace}
    join: str  # {workspace}
    full_name: str
    password_again: str
    create_account: str
    welcome: str  # {workspace}
    # board
    project_tabs: str
    board: str
    board_heading: str  # {name}
    letter_r: str
    letter_a: str
    letter_i: str
    save: str
    saved: str  # {task} {role} {letters}
    # task, My work, inbox
    my_work: str
    responsible: str
    to_approve: str
    start: str
    submit: str
    approve: str
    started: str
    submitted: str
    approved: str
    awaiting_approval: str
    done: str
    inbox: str
    unread: str
    unread_count: str  # {count}
    task_done: str  # {task}


ENGLISH = Words(
    language="en",
    prefix="",
    locale="en-US",
    project_name="Springfield Utilities billing integration",
    email="E-mail address",
    password="Password",
    log_in="Log in",
    projects="Projects",
    new_project="New project",
    name="Project name",
    customer="Customer",
    playbook="Playbook",
    path="Path (variant)",
    start_date="Start date",
    country="Country of the customer's calendar",
    create="Create the project",
    created="Project {name} created. Now staff its roles.",
    add_to="Add to {role}",
    assign="Assign",
    now_holds="{person} now holds this role.",
    invite_heading="Invite a contact",
    contact_of="Contact of",
    send_invitation="Send the invitation",
    invitation_sent="Invitation sent to {email}. Once they accept, they see the project.",
    invited=(
        "{inviter} invites you to the project {project} for {customer}, "
        "in the {workspace} workspace on Accord."
    ),
    join="Join {workspace} on Accord",
    full_name="Full name",
    password_again="Password again",
    create_account="Create my account and join",
    welcome="Welcome to {workspace}.",
    project_tabs="Project",
    board="Board",
    board_heading="RACI board of {name}",
    letter_r="R — Responsible",
    letter_a="A — Accountable",
    letter_i="I — Informed",
    save="Save",
    saved="Saved: {task} · {role} is now “{letters}”.",
    my_work="My work",
    responsible="Responsible",
    to_approve="To approve",
    start="Start",
    submit="Submit",
    approve="Approve",
    started="The task is in progress.",
    submitted="The task was submitted.",
    approved="The task is approved and done.",
    awaiting_approval="Awaiting approval",
    done="Done",
    inbox="Inbox",
    unread="unread",
    unread_count="{count} unread notification.",
    task_done="“{task}” is done",
)

FRENCH = Words(
    language="fr",
    prefix="/fr",
    locale="fr-FR",
    project_name="Intégration de la facturation de Springfield Utilities",
    email="Adresse e-mail",
    password="Mot de passe",
    log_in="Connexion",
    projects="Projets",
    new_project="Nouveau projet",
    name="Nom du projet",
    customer="Client",
    playbook="Playbook",
    path="Parcours (variante)",
    start_date="Date de début",
    country="Pays du calendrier du client",
    create="Créer le projet",
    created="Projet {name} créé. Affectez maintenant ses rôles.",
    add_to="Ajouter à {role}",
    assign="Affecter",
    now_holds="{person} tient désormais ce rôle.",
    invite_heading="Inviter un contact",
    contact_of="Contact de",
    send_invitation="Envoyer l’invitation",
    invitation_sent="Invitation envoyée à {email}. Une fois acceptée, la personne voit le projet.",
    invited=(
        "{inviter} vous invite au projet {project} pour {customer}, "
        "dans l’espace de travail {workspace} sur Accord."
    ),
    join="Rejoindre {workspace} sur Accord",
    full_name="Nom complet",
    password_again="Confirmation du mot de passe",
    create_account="Créer mon compte et rejoindre",
    welcome="Bienvenue dans {workspace}.",
    project_tabs="Projet",
    board="Tableau",
    board_heading="Tableau RACI d’{name}",  # the French project name starts with a vowel
    letter_r="R — Réalisateur",
    letter_a="A — Approbateur",
    letter_i="I — Informé",
    save="Enregistrer",
    saved="Enregistré : {task} · {role} est maintenant « {letters} ».",
    my_work="Mon travail",
    responsible="Réalisateur",
    to_approve="À approuver",
    start="Démarrer",
    submit="Soumettre",
    approve="Approuver",
    started="La tâche est en cours.",
    submitted="La tâche a été soumise.",
    approved="La tâche est approuvée et terminée.",
    awaiting_approval="En attente d’approbation",
    done="Terminée",
    inbox="Boîte de réception",
    unread="non lue",
    unread_count="{count} notification non lue.",
    task_done="« {task} » est terminée",
)

LANGUAGES = {words.language: words for words in (ENGLISH, FRENCH)}
