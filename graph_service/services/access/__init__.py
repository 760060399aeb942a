"""Who may do what: principals, the acting principal of a request, tokens and the policy."""
