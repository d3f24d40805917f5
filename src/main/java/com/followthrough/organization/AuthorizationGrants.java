package com.followthrough.organization;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/**
 * Grants a group permissions on a resource, idempotently: one GRANT authorization per group, resource and
 * resource id, extended with missing permissions and saved only when something changed.
 */
@Component
public class AuthorizationGrants {

    private final AuthorizationService authorizationService;

    public AuthorizationGrants(AuthorizationService authorizationService) {
        this.authorizationService = authorizationService;
    }

    public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = grantOf(groupId, resource, resourceId);
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = authorization.getId() == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(authorization);
        }
    }

    /**
     * Takes permissions back from a group's GRANT on a resource; with no permission named, the whole grant. Does
     * nothing when there is no such grant.
     */
    public void revoke(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = grantOf(groupId, resource, resourceId);
        if (authorization == null) {
            return;
        }
        if (permissions.length == 0) {
            authorizationService.deleteAuthorization(authorization.getId());
            return;
        }
        boolean changed = false;
        for (Permission permission : permissions) {
            if (authorization.isPermissionGranted(permission)) {
                authorization.removePermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(authorization);
        }
    }

    private Authorization grantOf(String groupId, Resource resource, String resourceId) {
        return authorizationService.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
    }
}
