package com.followthrough.organization;

/** Ids of the groups in the contract; process models use the same ids as candidate groups. */
public final class SupportGroups {

    public static final String CAMUNDA_ADMIN = "camunda-admin";
    public static final String AGENTS = "agents";
    public static final String AGENTS_EN = "agents-en";
    public static final String AGENTS_DE = "agents-de";
    public static final String SPECIALISTS = "specialists";
    public static final String SUPERVISORS = "supervisors";
    public static final String ANALYSTS = "analysts";
    public static final String DESIGNERS = "designers";
    /** Systems that open and feed cases through /api (a web portal, the mail gateway). */
    public static final String INTEGRATIONS = "integrations";
    /** The delivery pipeline's user: with the administrators, the only ones who deploy in production. */
    public static final String DEPLOYMENT_PIPELINE = "deployment-pipeline";

    private SupportGroups() {
    }

    /** A team of agents: a group {@code agents-…} (by the customers' language, e.g. {@value #AGENTS_EN}). */
    public static boolean isTeam(String groupId) {
        return groupId.startsWith(AGENTS + "-");
    }
}
