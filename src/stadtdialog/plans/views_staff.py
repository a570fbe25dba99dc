from django.http import HttpResponse


def staff_list(request):
    return HttpResponse("TODO")
