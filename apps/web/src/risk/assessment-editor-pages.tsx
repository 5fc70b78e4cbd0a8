// /risk/new and /risk/:id/revise: the assessment form under the caller's methodology; saving
// writes version 1, or the next version, and opens the assessment.
import type { AssessmentContentInput } from "@bulwark/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { client } from "../app/api.ts";
import { PageHeader, PageSkeleton } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { AssessmentForm } from "./assessment-form.tsx";

function useMethodology() {
  return useQuery({ queryKey: ["risk", "methodology"], queryFn: () => client.call("getRiskMethodology") });
}

export function NewAssessmentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const methodology = useMethodology();
  const save = useMutation({
    mutationFn: (body: AssessmentContentInput) => client.call("createRiskAssessment", { body }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ["risk", "register"] });
      navigate(`/risk/${created.id}`);
    },
  });
  if (methodology.error) return <ProblemAlert error={methodology.error} />;
  if (!methodology.data) return <PageSkeleton />;
  return (
    <>
      <PageHeader title={t("risk.form.newTitle")} subtitle={t("risk.form.newSubtitle")} />
      <AssessmentForm
        methodology={methodology.data.methodology}
        saving={save.isPending}
        error={save.error}
        onSave={(body) => save.mutate(body)}
      />
    </>
  );
}

export function ReviseAssessmentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const methodology = useMethodology();
  const assessment = useQuery({
    queryKey: ["risk", "assessment", id],
    queryFn: () => client.call("getRiskAssessment", { params: { id } }),
  });
  const save = useMutation({
    mutationFn: (body: AssessmentContentInput) =>
      client.call("updateRiskAssessment", { params: { id }, body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["risk"] });
      navigate(`/risk/${id}`);
    },
  });
  const failed = methodology.error ?? assessment.error;
  if (failed) return <ProblemAlert error={failed} />;
  if (!methodology.data || !assessment.data) return <PageSkeleton />;
  return (
    <>
      <PageHeader title={t("risk.form.reviseTitle")} subtitle={t("risk.form.reviseSubtitle")} />
      <AssessmentForm
        methodology={methodology.data.methodology}
        initial={assessment.data}
        saving={save.isPending}
        error={save.error}
        onSave={(body) => save.mutate(body)}
      />
    </>
  );
}
