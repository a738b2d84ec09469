def home(request):
    raise NotImplementedError


audit_log = notifications = home
