"""Users' roles: memberships of a user in an agency with a role, and the permission rules."""
