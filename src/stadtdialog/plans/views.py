from django.http import HttpResponse


def plan_list(request):
    return HttpResponse("TODO")


plan_map = plan_detail = staff_list = plan_list
