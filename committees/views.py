from django.shortcuts import render


def index(request):
    return render(request, "committees/index.html")


def feedback(request):
    return render(request, "committees/feedback.html")
