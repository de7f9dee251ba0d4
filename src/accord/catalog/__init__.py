"""The workspace's playbook catalogue: playbooks uploaded by the vendor beside the built-in ones."""
