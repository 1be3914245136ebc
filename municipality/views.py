from django.shortcuts import render


def about(request):
    return render(request, "municipality/about.html")
