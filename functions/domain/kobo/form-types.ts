/** A bilingual text of the form. */
export interface FormText {
  fr: string;
  en: string;
}

/** One row of the XLSForm survey sheet. */
export interface FormRow {
  type: string;
  name: string;
  label?: FormText;
  hint?: FormText;
  required?: boolean;
  constraint?: string;
  constraintMessage?: FormText;
  relevant?: string;
  choiceFilter?: string;
  appearance?: string;
  /** The command field this answer fills; several rows may feed one computed field (rCSI, HHS). */
  maps?: string;
}

/** One row of the choices sheet; extra columns serve choice filters. */
export interface FormChoice {
  listName: string;
  name: string;
  label: FormText;
  extra?: Record<string, string>;
}
