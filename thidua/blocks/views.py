from django.http import HttpResponse


def block_list(request, *args, **kwargs):
    return HttpResponse("todo")


def block_create(request, *args, **kwargs):
    return HttpResponse("todo")


def results_export(request, *args, **kwargs):
    return HttpResponse("todo")


def block_detail(request, *args, **kwargs):
    return HttpResponse("todo")


def block_edit(request, *args, **kwargs):
    return HttpResponse("todo")


def block_members(request, *args, **kwargs):
    return HttpResponse("todo")


def block_regulation(request, *args, **kwargs):
    return HttpResponse("todo")


def regulation_download(request, *args, **kwargs):
    return HttpResponse("todo")


def block_copy(request, *args, **kwargs):
    return HttpResponse("todo")


def agreement_sign(request, *args, **kwargs):
    return HttpResponse("todo")


def external_result(request, *args, **kwargs):
    return HttpResponse("todo")


def table_detail(request, *args, **kwargs):
    return HttpResponse("todo")


def table_edit(request, *args, **kwargs):
    return HttpResponse("todo")


def criterion_add(request, *args, **kwargs):
    return HttpResponse("todo")


def criterion_edit(request, *args, **kwargs):
    return HttpResponse("todo")


def criterion_delete(request, *args, **kwargs):
    return HttpResponse("todo")


def table_import(request, *args, **kwargs):
    return HttpResponse("todo")


def table_export(request, *args, **kwargs):
    return HttpResponse("todo")


def table_copy(request, *args, **kwargs):
    return HttpResponse("todo")


def table_pdf(request, *args, **kwargs):
    return HttpResponse("todo")


def round_detail(request, *args, **kwargs):
    return HttpResponse("todo")


def round_action(request, *args, **kwargs):
    return HttpResponse("todo")


def round_assign(request, *args, **kwargs):
    return HttpResponse("todo")


def ranking_export(request, *args, **kwargs):
    return HttpResponse("todo")


def sheet_detail(request, *args, **kwargs):
    return HttpResponse("todo")


def sheet_submit(request, *args, **kwargs):
    return HttpResponse("todo")


def sheet_return(request, *args, **kwargs):
    return HttpResponse("todo")


def evidence_add(request, *args, **kwargs):
    return HttpResponse("todo")


def evidence_download(request, *args, **kwargs):
    return HttpResponse("todo")


def evidence_remove(request, *args, **kwargs):
    return HttpResponse("todo")


def sheet_adjust(request, *args, **kwargs):
    return HttpResponse("todo")


def sheet_pdf(request, *args, **kwargs):
    return HttpResponse("todo")


def meeting_create(request, *args, **kwargs):
    return HttpResponse("todo")


def meeting_detail(request, *args, **kwargs):
    return HttpResponse("todo")


def meeting_attendance(request, *args, **kwargs):
    return HttpResponse("todo")


def ballot_open(request, *args, **kwargs):
    return HttpResponse("todo")


def ballot_vote(request, *args, **kwargs):
    return HttpResponse("todo")


def ballot_close(request, *args, **kwargs):
    return HttpResponse("todo")


def ballot_documents(request, *args, **kwargs):
    return HttpResponse("todo")


def ballot_document(request, *args, **kwargs):
    return HttpResponse("todo")

