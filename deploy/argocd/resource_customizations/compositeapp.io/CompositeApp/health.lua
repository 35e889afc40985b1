-- Argo CD health check for compositeapp.io/CompositeApp, with the kstatus rules Flux and
-- kubectl-based tools apply: a generation the operator has not observed yet and Reconciling=True
-- are Progressing, Stalled=True is Degraded, Ready=True is Healthy.
local hs = { status = "Progressing", message = "Waiting for the operator to report status" }

local function condition(conditions, type)
  for _, c in ipairs(conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function is_true(c)
  return c ~= nil and c.status == "True"
end

local status = obj.status
if status == nil then
  return hs
end
local generation = obj.metadata and obj.metadata.generation
if status.observedGeneration ~= nil and generation ~= nil and status.observedGeneration ~= generation then
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local conditions = status.conditions or {}
for _, c in ipairs(conditions) do
  if c.type == "Reconciling" and c.status == "True" then
    hs.message = c.message or c.reason or "Reconciling"
    return hs
  end
  if c.type == "Stalled" and c.status == "True" then
    hs.status = "Degraded"
    hs.message = (c.reason or "Stalled") .. ": " .. (c.message or "")
    return hs
  end
end

local ready = condition(conditions, "Ready")
if is_true(ready) then
  hs.status = "Healthy"
  hs.message = ready.message or ready.reason or "Ready"
  return hs
end
if ready ~= nil then
  hs.message = ready.message or ready.reason or "Not ready"
end
return hs
